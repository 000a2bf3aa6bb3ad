using OkrConnect.Core.Classification;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Tests.Classification;

public class JiraIssueClassifierTests
{
    [Theory]
    [InlineData("new", null, WorkItemClass.ToDo)]
    [InlineData("indeterminate", null, WorkItemClass.InProgress)]
    [InlineData("done", "Done", WorkItemClass.Done)]
    [InlineData("done", "Fixed", WorkItemClass.Done)]
    [InlineData("DONE", "Done", WorkItemClass.Done)]
    [InlineData("undefined", null, WorkItemClass.ToDo)]
    [InlineData(null, null, WorkItemClass.ToDo)]
    public void Classifies_by_status_category_key(string? category, string? resolution, WorkItemClass expected) =>
        Assert.Equal(expected, JiraIssueClassifier.Classify(category, resolution).Class);

    [Fact]
    public void Done_category_without_resolution_is_done() =>
        Assert.Equal(ItemClassification.Done, JiraIssueClassifier.Classify("done", null));

    [Theory]
    [InlineData("Won't Do")]
    [InlineData("won't fix")]
    [InlineData("DUPLICATE")]
    [InlineData("Cannot Reproduce")]
    [InlineData("Declined")]
    [InlineData("Won’t Do")]
    public void Done_category_with_a_not_done_resolution_is_excluded_with_the_resolution_as_reason(string resolution)
    {
        var result = JiraIssueClassifier.Classify("done", resolution);

        Assert.Equal(WorkItemClass.Excluded, result.Class);
        Assert.Equal(resolution, result.ExcludedReason);
    }

    [Theory]
    [InlineData("new", "Done", WorkItemClass.ToDo)]
    [InlineData("new", "Won't Do", WorkItemClass.ToDo)]
    [InlineData("indeterminate", "Done", WorkItemClass.InProgress)]
    public void The_status_category_decides_when_it_and_the_resolution_disagree(string category, string resolution, WorkItemClass expected) =>
        Assert.Equal(expected, JiraIssueClassifier.Classify(category, resolution).Class);

    [Fact]
    public void Not_done_resolutions_are_configurable_per_connector()
    {
        var options = new JiraClassificationOptions { NotDoneResolutions = ["Obsolete"] };

        Assert.Equal(WorkItemClass.Excluded, JiraIssueClassifier.Classify("done", "obsolete", options).Class);
        Assert.Equal(WorkItemClass.Done, JiraIssueClassifier.Classify("done", "Won't Do", options).Class);
    }

    [Fact]
    public void Options_reject_blank_resolutions() =>
        Assert.NotEmpty(new JiraClassificationOptions { NotDoneResolutions = [" "] }.Validate());
}
