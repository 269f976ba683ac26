using System.Text.Json;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Interceptors;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Fails any write holding <see cref="ConformancePlugin.FailBefore"/> (before the row is written) or
/// <see cref="ConformancePlugin.FailAfter"/> (after it, before the commit) with <see cref="DataErrorCode.Unavailable"/>.
/// </summary>
internal sealed class FaultInjectingInterceptor : IRecordInterceptor
{
    public ValueTask InterceptAsync(RecordWriteContext context, CancellationToken cancellationToken)
    {
        var marker = context.Phase == InterceptionPhase.Before ? ConformancePlugin.FailBefore : ConformancePlugin.FailAfter;
        if (context.Values.Values.Any(v => IsMarker(v, marker)))
        {
            throw new DataOperationException(DataErrorCode.Unavailable, $"The test interceptor refused the write ({context.Phase}).");
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsMarker(object? value, string marker) =>
        value is string s && s == marker
        || value is JsonElement { ValueKind: JsonValueKind.String } e && e.GetString() == marker;
}
