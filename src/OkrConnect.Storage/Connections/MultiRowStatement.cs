using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Connections;

/// <summary>
/// One multi-row statement (<c>INSERT … VALUES (…), (…) …</c>) for many rows: up to <see cref="MaxRows"/> rows per
/// execution, far fewer round trips (PostgreSQL) and statement steps (SQLite) than one statement per row. The command of
/// a full chunk is kept, so SQLite prepares it once. Values are written as the Dapper type handlers write them
/// (<see cref="ParameterWriter"/>), so rows look the same whichever way they were stored.
/// </summary>
internal sealed class MultiRowStatement(string head, string tail, int columns)
{
    /// <summary>
    /// Rows per execution. SQLite looks each named parameter up by a linear search through the statement's names, so
    /// a statement with n parameters costs n² to bind: about 100 is the sweet spot there. PostgreSQL pays a round trip
    /// per statement instead, so it gets many more (far below its limit of 65,535 parameters).
    /// </summary>
    public int MaxRows(SqlDialect dialect) => Math.Max(1, (dialect == SqlDialect.Sqlite ? 100 : 2000) / columns);

    /// <summary>Runs the statement over <paramref name="rows"/>; returns the rows affected.</summary>
    public async Task<int> ExecuteAsync<T>(
        DbConnection connection,
        DbTransaction? transaction,
        SqlDialect dialect,
        IReadOnlyList<T> rows,
        Action<ParameterWriter, T> write,
        CancellationToken ct)
    {
        var affected = 0;
        var maxRows = MaxRows(dialect);
        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < rows.Count; offset += maxRows)
            {
                var count = Math.Min(maxRows, rows.Count - offset);
                DbCommand command;
                if (count == maxRows)
                {
                    command = full ??= Create(connection, transaction, count);
                }
                else
                {
                    command = Create(connection, transaction, count);
                }

                try
                {
                    command.Parameters.Clear();
                    var writer = new ParameterWriter(command, dialect);
                    for (var i = 0; i < count; i++)
                    {
                        write(writer, rows[offset + i]);
                    }

                    if (writer.Count != count * columns)
                    {
                        throw new InvalidOperationException($"Each row must write {columns} values.");
                    }

                    affected += await command.ExecuteNonQueryAsync(ct);
                }
                finally
                {
                    if (command != full)
                    {
                        await command.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }

        return affected;
    }

    private DbCommand Create(DbConnection connection, DbTransaction? transaction, int rows)
    {
        var sql = new StringBuilder(head.Length + tail.Length + (rows * columns * 8));
        sql.Append(head).Append('\n');
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ",\n(");
            for (var column = 0; column < columns; column++)
            {
                sql.Append(column == 0 ? "@p" : ", @p").Append((row * columns) + column);
            }

            sql.Append(')');
        }

        sql.Append('\n').Append(tail);
        var command = connection.CreateCommand();
        command.CommandText = sql.ToString();
        command.Transaction = transaction;
        return command;
    }
}

/// <summary>Adds the parameters <c>@p0, @p1, …</c> of a <see cref="MultiRowStatement"/> in order, one typed value each.</summary>
internal sealed class ParameterWriter(DbCommand command, SqlDialect dialect)
{
    public int Count { get; private set; }

    public void Text(string? value) => Add(DbType.String, value);

    public void Real(double? value) => Add(DbType.Double, value);

    public void Flag(bool value) => Add(DbType.Boolean, value);

    public void Id(Guid value)
    {
        if (dialect == SqlDialect.Sqlite)
        {
            Add(DbType.String, value.ToString("D"));
        }
        else
        {
            Add(DbType.Guid, value);
        }
    }

    public void Instant(DateTimeOffset value)
    {
        var utc = DateTimeOffsetTypeHandler.ToStoredPrecision(value);
        if (dialect == SqlDialect.Sqlite)
        {
            Add(DbType.String, utc.ToString(DateTimeOffsetTypeHandler.SqliteFormat, CultureInfo.InvariantCulture));
        }
        else
        {
            Add(DbType.DateTimeOffset, utc);
        }
    }

    public void Instant(DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            Instant(instant);
        }
        else
        {
            Add(dialect == SqlDialect.Sqlite ? DbType.String : DbType.DateTimeOffset, null);
        }
    }

    private void Add(DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p" + Count.ToString(CultureInfo.InvariantCulture);
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        Count++;
    }
}
