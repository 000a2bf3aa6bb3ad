using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Connectors.Jira.Tests;

public sealed class JiraWorkItemMapperTests
{
    private static JiraWorkItemMapper Mapper(string options = """{"deployment":"cloud","email":"bot@example.com"}""") =>
        new(JiraSettings.Parse(new ConnectorSettings(Guid.NewGuid(), "https://x.atlassian.net", options, "t", null, "en")), ["customfield_10016"]);

    [Theory]
    [InlineData("new", null, WorkItemClass.ToDo)]
    [InlineData("new", "Done", WorkItemClass.ToDo)] // the category decides when it disagrees with the resolution
    [InlineData("undefined", null, WorkItemClass.ToDo)]
    [InlineData(null, null, WorkItemClass.ToDo)]
    [InlineData("indeterminate", null, WorkItemClass.InProgress)]
    [InlineData("indeterminate", "Won't Do", WorkItemClass.InProgress)]
    [InlineData("done", null, WorkItemClass.Done)]
    [InlineData("done", "Done", WorkItemClass.Done)]
    [InlineData("done", "Fixed", WorkItemClass.Done)]
    [InlineData("done", "Won't Do", WorkItemClass.Excluded)]
    [InlineData("done", "DUPLICATE", WorkItemClass.Excluded)]
    [InlineData("done", "cannot reproduce", WorkItemClass.Excluded)]
    [InlineData("done", "Declined", WorkItemClass.Excluded)]
    [InlineData("done", "Won't Fix", WorkItemClass.Excluded)]
    public void Classifies_by_category_then_resolution(string? category, string? resolution, WorkItemClass expected)
    {
        Assert.Equal(expected, Mapper().Classify(category, resolution).Class);
    }

    [Fact]
    public void Excluded_items_say_why()
    {
        Assert.Equal("closed as \"Duplicate\"", Mapper().Classify("done", "Duplicate").ExcludedReason);
    }

    [Fact]
    public void The_not_done_list_is_configurable()
    {
        var mapper = Mapper("""{"deployment":"cloud","email":"bot@example.com","notDoneResolutions":["Obsolete"]}""");

        Assert.Equal(WorkItemClass.Excluded, mapper.Classify("done", "obsolete").Class);
        Assert.Equal(WorkItemClass.Done, mapper.Classify("done", "Won't Do").Class);
    }
}
