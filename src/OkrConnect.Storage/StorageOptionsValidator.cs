using Microsoft.Extensions.Options;

namespace OkrConnect.Storage;

/// <summary>Rejects a storage configuration that cannot work, at start-up rather than at the first query.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problem = FindProblem(options);
        return problem is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem);
    }

    internal static void ThrowIfInvalid(StorageOptions options)
    {
        var problem = FindProblem(options);
        if (problem is not null)
        {
            throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), [problem]);
        }
    }

    private static string? FindProblem(StorageOptions options) => options.Provider switch
    {
        StorageProvider.Postgres when string.IsNullOrWhiteSpace(options.ConnectionString) =>
            "Storage:ConnectionString is required when Storage:Provider is 'postgres'.",
        StorageProvider.Sqlite when string.IsNullOrWhiteSpace(options.ConnectionString)
                                 && string.IsNullOrWhiteSpace(options.DataDirectory) =>
            "Storage:DataDirectory (or Storage:ConnectionString) is required when Storage:Provider is 'sqlite'.",
        StorageProvider.Sqlite or StorageProvider.Postgres => null,
        _ => $"Storage:Provider '{options.Provider}' is not supported; use 'sqlite' or 'postgres'.",
    };
}
