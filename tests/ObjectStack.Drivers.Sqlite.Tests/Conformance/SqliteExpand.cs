using ObjectStack.Abstractions.Testing;

namespace ObjectStack.Drivers.Sqlite.Tests.Conformance;

[TestFixture]
public sealed class SqliteExpand : ExpandConformance<SqliteHarness>;
