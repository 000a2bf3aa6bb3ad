using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;
using OkrConnect.Sync.Connectors;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>
/// /api/connectors/{id}/accounts (admin): who each person is on the connector's tracker, so reminder comments mention
/// them. <c>PUT …/accounts/{subject}</c> with <c>{"account": "…"}</c> sets it, checked against the tracker's account
/// format (Jira Cloud accountId, Jira Data Center user name, GitHub login); <c>GET</c> lists or reads; <c>DELETE</c>
/// removes it, after which reminders name the person in plain text. Only connectors that can post reminder comments
/// take mappings. Nothing here reads or returns the connector's secrets.
/// </summary>
public static class TrackerAccountsApi
{
    public const int MaxAccountLength = 200;

    public static IEndpointRouteBuilder MapTrackerAccountsApi(this IEndpointRouteBuilder api)
    {
        var accounts = api.MapGroup("/connectors/{id:guid}/accounts").WithTags("Reminders").RequireAuthorization(Policies.RequireAdmin);
        accounts.MapGet("", ListAccounts).WithName("ListTrackerAccounts");
        accounts.MapGet("/{subject}", GetAccount).WithName("GetTrackerAccount");
        accounts.MapPut("/{subject}", PutAccount).WithName("PutTrackerAccount");
        accounts.MapDelete("/{subject}", DeleteAccount).WithName("DeleteTrackerAccount");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<TrackerAccountResponse>>, ProblemHttpResult>> ListAccounts(
        Guid id, IConnectorRepository connectors, ITrackerAccountRepository accounts, CancellationToken ct)
    {
        if (await connectors.GetAsync(id, ct) is null)
        {
            return Problems.NotFound("Connector", id);
        }

        var found = await accounts.ListAsync(id, ct);
        return TypedResults.Ok<IReadOnlyList<TrackerAccountResponse>>(found.Select(TrackerAccountResponse.From).ToList());
    }

    public static async Task<Results<Ok<TrackerAccountResponse>, ProblemHttpResult>> GetAccount(
        Guid id, string subject, IConnectorRepository connectors, ITrackerAccountRepository accounts, CancellationToken ct)
    {
        if (await connectors.GetAsync(id, ct) is null)
        {
            return Problems.NotFound("Connector", id);
        }

        return await accounts.GetAsync(id, subject, ct) is { } found
            ? TypedResults.Ok(TrackerAccountResponse.From(found))
            : NoMapping(id, subject);
    }

    public static async Task<Results<Ok<TrackerAccountResponse>, ValidationProblem, ProblemHttpResult>> PutAccount(
        Guid id,
        string subject,
        PutTrackerAccountRequest request,
        ClaimsPrincipal user,
        IConnectorRepository connectors,
        ITrackerAccountRepository accounts,
        ConnectorCatalog catalog,
        TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.RequireText("subject", subject, TextLimits.Subject);
        if (subject != subject.Trim())
        {
            errors.Add("subject", "subject must not start or end with spaces.");
        }

        errors.RequireText("account", request.Account, MaxAccountLength);
        if (request.Account is { } raw && raw != raw.Trim())
        {
            errors.Add("account", "account must not start or end with spaces.");
        }

        if (await connectors.GetAsync(id, ct) is not { } connector)
        {
            return Problems.NotFound("Connector", id);
        }

        if (catalog.Find(connector.Kind)?.AsReminderCommenter() is not { } commenter)
        {
            return Problems.Conflict($"Connector {connector.Name} ({connector.Kind}) cannot post reminder comments, so it has no accounts to map.");
        }

        if (errors.IsEmpty)
        {
            // The tracker's own account format; the settings are handed over without secrets (none are needed).
            var settings = new ConnectorSettings(connector.Id, connector.BaseUrl, connector.Options, null, null, connector.Locale);
            foreach (var problem in commenter.ValidateAccount(settings, request.Account!))
            {
                errors.Add("account", problem);
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var account = new TrackerAccount(id, subject, request.Account!, user.ToCaller().Subject, clock.GetStoredUtcNow());
        await accounts.UpsertAsync(account, ct);
        return TypedResults.Ok(TrackerAccountResponse.From(account));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAccount(
        Guid id, string subject, IConnectorRepository connectors, ITrackerAccountRepository accounts, CancellationToken ct)
    {
        if (await connectors.GetAsync(id, ct) is null)
        {
            return Problems.NotFound("Connector", id);
        }

        return await accounts.DeleteAsync(id, subject, ct) ? TypedResults.NoContent() : NoMapping(id, subject);
    }

    private static ProblemHttpResult NoMapping(Guid id, string subject) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"{subject} has no account on connector {id}; set one with PUT /api/connectors/{id}/accounts/{Uri.EscapeDataString(subject)}.");
}

/// <summary>account: how the connector's tracker names the person (Jira Cloud accountId, Jira Data Center user name, GitHub login without @).</summary>
public sealed record PutTrackerAccountRequest(string? Account);

/// <summary>A person's account on one connector's tracker, and who set it when.</summary>
public sealed record TrackerAccountResponse(Guid ConnectorId, string Subject, string Account, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static TrackerAccountResponse From(TrackerAccount a) => new(a.ConnectorId, a.Subject, a.Account, a.UpdatedBy, a.UpdatedAt);
}
