namespace ObjectStack.Drivers.Postgres.Sql;

/// <summary>Quotes identifiers. Names are already checked against metadata; quoting is the second line of defence.</summary>
internal static class Quote
{
    public static string Id(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
