using ObjectStack.Abstractions.Testing;

namespace ObjectStack.Drivers.Sqlite.Tests.Conformance;

[TestFixture]
public sealed class SqliteDatasource : DatasourceConformance<SqliteHarness>;
