using OkrConnect.Core.Classification;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Tests.Classification;

public class GitHubIssueClassifierTests
{
    private static readonly GitHubClassificationOptions Options = new()
    {
        InProgressLabels = ["status: in progress"],
        InProgressProjectStatuses = ["In Progress"],
    };

    [Theory]
    [InlineData("completed")]
    [InlineData(null)]
    [InlineData("some_future_reason")]
    public void Closed_as_completed_without_reason_or_with_an_unknown_reason_is_done(string? reason) =>
        Assert.Equal(WorkItemClass.Done, GitHubIssueClassifier.Classify("closed", reason).Class);

    [Theory]
    [InlineData("not_planned", "not planned")]
    [InlineData("duplicate", "duplicate")]
    public void Closed_not_planned_or_duplicate_is_excluded(string reason, string expectedReason)
    {
        var result = GitHubIssueClassifier.Classify("closed", reason);

        Assert.Equal(WorkItemClass.Excluded, result.Class);
        Assert.Equal(expectedReason, result.ExcludedReason);
    }

    [Fact]
    public void Open_with_a_configured_label_is_in_progress() =>
        Assert.Equal(WorkItemClass.InProgress, GitHubIssueClassifier.Classify("open", null, ["bug", "Status: In Progress"], options: Options).Class);

    [Fact]
    public void Open_with_a_configured_project_status_is_in_progress() =>
        Assert.Equal(WorkItemClass.InProgress, GitHubIssueClassifier.Classify("open", null, [], "in progress", Options).Class);

    [Theory]
    [InlineData(null)]
    [InlineData("reopened")]
    public void Open_otherwise_is_to_do(string? reason) =>
        Assert.Equal(WorkItemClass.ToDo, GitHubIssueClassifier.Classify("open", reason, ["bug"], "Todo", Options).Class);

    [Fact]
    public void Without_configuration_no_label_means_in_progress() =>
        Assert.Equal(WorkItemClass.ToDo, GitHubIssueClassifier.Classify("open", null, ["status: in progress"]).Class);
}
