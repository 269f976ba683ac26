using System.Collections.Concurrent;

namespace ObjectStack.Abstractions.Testing;

/// <summary>What <see cref="CommitRecordingInterceptor"/> saw committed: one <c>object/id/action</c> entry per
/// write, added by the engine's commit notification.</summary>
internal sealed class CommitLog
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Gets the entries in commit order.</summary>
    public IReadOnlyList<string> Entries => [.. _entries];

    /// <summary>Adds an entry.</summary>
    public void Add(string entry) => _entries.Enqueue(entry);
}
