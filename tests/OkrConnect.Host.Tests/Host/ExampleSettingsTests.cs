using System.Reflection;
using Microsoft.Extensions.Configuration;
using OkrConnect.Host.Jobs;
using OkrConnect.Host.Practice;
using OkrConnect.Host.Security;
using OkrConnect.Host.Security.DataProtection;
using OkrConnect.Storage;
using OkrConnect.Sync;

namespace OkrConnect.Host.Tests.Host;

/// <summary>appsettings.example.json promises to show every setting: this keeps the promise as options grow.</summary>
public sealed class ExampleSettingsTests
{
    private static readonly IConfiguration Example = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(FindRoot(), "appsettings.example.json"), optional: false)
        .Build();

    public static TheoryData<string, Type> OptionSections() => new()
    {
        { StorageOptions.SectionName, typeof(StorageOptions) },
        { AuthOptions.Section, typeof(AuthOptions) },
        { JobsOptions.Section, typeof(JobsOptions) },
        { SyncOptions.Section, typeof(SyncOptions) },
        { PublicUrlOptions.Section, typeof(PublicUrlOptions) },
        { ReminderOptions.Section, typeof(ReminderOptions) },
        { KeyProtectionOptions.Section, typeof(KeyProtectionOptions) },
    };

    [Theory]
    [MemberData(nameof(OptionSections))]
    public void Every_setting_of_the_section_is_in_the_example(string section, Type options)
    {
        var missing = SettingKeys(section, options).Where(key => !Example.GetSection(key).Exists()).ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(OptionSections))]
    public void The_example_binds_to_the_options_without_errors(string section, Type options)
    {
        var bound = Example.GetSection(section).Get(options, o => o.ErrorOnUnknownConfiguration = true);
        Assert.NotNull(bound);
    }

    [Fact]
    public void The_example_keeps_the_embedded_defaults() =>
        Assert.Equal("sqlite", Example["Storage:Provider"]);

    private static IEnumerable<string> SettingKeys(string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsClass && propertyType != typeof(string) && !propertyType.IsArray)
            {
                foreach (var nested in SettingKeys(key, propertyType))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OkrConnect.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OkrConnect.sln not found above " + AppContext.BaseDirectory);
    }
}
