using ObjectStack.Drivers.Sqlite.Storage;

namespace ObjectStack.Drivers.Sqlite.Sql;

/// <summary>SQL text by statement shape, bounded (see <see cref="BoundedCache{TValue}"/>).</summary>
internal sealed class StatementCache() : BoundedCache<string>(4096);
