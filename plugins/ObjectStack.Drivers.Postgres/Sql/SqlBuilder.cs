using System.Text;
using Npgsql;

namespace ObjectStack.Drivers.Postgres.Sql;

/// <summary>SQL text and its positional parameters (<c>$1</c>, <c>$2</c>, …), built together so they never disagree.</summary>
internal sealed class SqlBuilder
{
    public StringBuilder Text { get; } = new(256);

    public List<NpgsqlParameter> Parameters { get; } = [];

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public string Add(NpgsqlParameter parameter)
    {
        Parameters.Add(parameter);
        return "$" + Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public SqlBuilder Append(string text)
    {
        Text.Append(text);
        return this;
    }

    /// <summary>Creates a command on <paramref name="connection"/> with the text and parameters.</summary>
    public NpgsqlCommand ToCommand(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        var command = new NpgsqlCommand(Text.ToString(), connection, transaction);
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Creates a batch command with the text and parameters.</summary>
    public NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(Text.ToString());
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public override string ToString() => Text.ToString();
}
