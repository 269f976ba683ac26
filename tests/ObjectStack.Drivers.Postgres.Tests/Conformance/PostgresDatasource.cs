using ObjectStack.Abstractions.Testing;

namespace ObjectStack.Drivers.Postgres.Tests.Conformance;

[TestFixture]
public sealed class PostgresDatasource : DatasourceConformance<PostgresHarness>;
