namespace ObjectStack.Abstractions.Data.Interceptors;

/// <summary>When an interceptor runs relative to the row write. Both phases run inside the write's transaction.</summary>
public enum InterceptionPhase
{
    /// <summary>Before the row is written: values may still be changed, and throwing refuses the write.</summary>
    Before,

    /// <summary>After the row is written, before the commit: throwing rolls the write back.</summary>
    After,
}
