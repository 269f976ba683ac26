using Microsoft.Data.Sqlite;
using ObjectStack.Abstractions.Data;

namespace ObjectStack.Drivers.Sqlite;

/// <summary>Turns SQLite failures callers can act on into <see cref="DataOperationException"/>; anything else stays a 500.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Constraint = 19;
    private const int ConstraintUnique = 2067;
    private const int ConstraintPrimaryKey = 1555;

    public static Exception? Translate(SqliteException ex, string objectName, Func<string, IReadOnlyList<string>>? indexColumns = null)
    {
        if (ex.SqliteErrorCode == Constraint && ex.SqliteExtendedErrorCode is ConstraintUnique or ConstraintPrimaryKey)
        {
            // An expression index is reported by name ("index 'ux_account_name'"); its columns come from the database.
            var fields = IndexName(ex.Message) is { } index && indexColumns is not null
                ? indexColumns(index).Where(c => c != Schema.SqliteDdl.OrganizationColumn).ToList()
                : UniqueColumns(ex.Message, objectName);
            var what = fields.Count == 0 ? "these values" : "this " + string.Join(" and ", fields);
            return new DataOperationException(
                DataErrorCode.DuplicateValue,
                $"A record with {what} already exists.",
                fields.Select(f => new FieldError(f, "unique", $"must be unique; another record already has this value.")).ToList())
            {
                ObjectName = objectName,
            };
        }

        return ex.SqliteErrorCode is Busy or Locked or IoError or Full or CantOpen
            ? new DataOperationException(DataErrorCode.Unavailable, "The database is busy or unavailable; retry shortly.", ex) { ObjectName = objectName }
            : null;
    }

    // "UNIQUE constraint failed: index 'ux_account_name'"
    private static string? IndexName(string message)
    {
        var marker = message.IndexOf("constraint failed: index '", StringComparison.OrdinalIgnoreCase);
        if (marker < 0)
        {
            return null;
        }

        var start = marker + "constraint failed: index '".Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    // "UNIQUE constraint failed: account.email, account.name"
    private static List<string> UniqueColumns(string message, string objectName)
    {
        var marker = message.IndexOf("constraint failed:", StringComparison.OrdinalIgnoreCase);
        if (marker < 0)
        {
            return [];
        }

        var list = message[(marker + "constraint failed:".Length)..].TrimEnd('\'', '.', ' ');
        return list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.StartsWith(objectName + ".", StringComparison.Ordinal) ? c[(objectName.Length + 1)..] : c)
            .ToList();
    }
}
