namespace ObjectStack.Hosting;

/// <summary>Where the runtime is in its life; drives <c>/api/v1/ready</c>.</summary>
public enum RuntimeState
{
    /// <summary>Plugins are starting; not ready for traffic.</summary>
    Starting = 0,

    /// <summary>Every plugin started; ready for traffic.</summary>
    Ready = 1,

    /// <summary>Shutting down; not ready for traffic.</summary>
    Stopping = 2,

    /// <summary>Stopped, or failed to start.</summary>
    Stopped = 3,
}
