namespace OkrConnect.Connectors.Jira.Tests;

public sealed class JqlTextTests
{
    [Theory]
    [InlineData("project = OKR", null, "project = OKR")]
    [InlineData("project = OKR", "updated >= \"2026-11-03 21:55\"", "(project = OKR) AND updated >= \"2026-11-03 21:55\"")]
    [InlineData("project = OKR order  by rank DESC", "x = 1", "(project = OKR) AND x = 1 order  by rank DESC")]
    [InlineData("summary ~ \"order by\" ORDER BY key", "x = 1", "(summary ~ \"order by\") AND x = 1 ORDER BY key")]
    [InlineData("summary ~ 'sort order by date'", "x = 1", "(summary ~ 'sort order by date') AND x = 1")]
    [InlineData("ORDER BY created", "x = 1", "x = 1 ORDER BY created")]
    [InlineData("a = 1 OR b = 2", "x = 1", "(a = 1 OR b = 2) AND x = 1")]
    public void Adds_a_clause_before_any_order_by(string jql, string? clause, string expected)
    {
        Assert.Equal(expected, JqlText.And(jql, clause));
    }

    [Theory]
    [InlineData("OKR-1", true)]
    [InlineData("ab_c2-10", true)]
    [InlineData("OKR-1) OR (project = X", false)]
    [InlineData("OKR", false)]
    [InlineData("1-OKR", false)]
    public void Only_issue_keys_enter_a_query(string key, bool valid)
    {
        Assert.Equal(valid, JqlText.IssueKey().IsMatch(key));
    }
}
