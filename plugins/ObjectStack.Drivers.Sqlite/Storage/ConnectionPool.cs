using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ObjectStack.Drivers.Sqlite.Storage;

/// <summary>
/// Keeps initialised connections with their prepared statements for reuse. A connection that may be in a bad state
/// (a failed rollback, an I/O error) is closed instead of returned.
/// </summary>
internal sealed class ConnectionPool(Func<SqliteConnection> open) : IDisposable
{
    private const int MaxIdle = 32;
    private readonly ConcurrentBag<PooledConnection> _idle = [];
    private int _idleCount;
    private int _generation;
    private bool _disposed;

    /// <summary>Takes an idle connection or opens a new one.</summary>
    public (PooledConnection Connection, int Generation) Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return (connection, Volatile.Read(ref _generation));
        }

        return (new PooledConnection(open()), Volatile.Read(ref _generation));
    }

    /// <summary>Gives a connection back, or closes it when it is unhealthy, from before a <see cref="Reset"/>, or surplus.</summary>
    public void Return(PooledConnection connection, int generation, bool healthy)
    {
        if (!healthy || _disposed || generation != Volatile.Read(ref _generation) || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            if (healthy && !_disposed && generation == Volatile.Read(ref _generation))
            {
                Interlocked.Decrement(ref _idleCount);
            }

            connection.Dispose();
            return;
        }

        _idle.Add(connection);
    }

    /// <summary>Closes every idle connection and retires those in use, after the schema changed.</summary>
    public void Reset()
    {
        Interlocked.Increment(ref _generation);
        Drain();
    }

    public void Dispose()
    {
        _disposed = true;
        Drain();
    }

    private void Drain()
    {
        while (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
        }
    }
}
