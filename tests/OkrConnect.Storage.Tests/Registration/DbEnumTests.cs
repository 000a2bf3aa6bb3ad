using OkrConnect.Core.Domain;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Tests.Registration;

public sealed class DbEnumTests
{
    [Fact]
    public void Enums_are_stored_as_lower_case_kebab_strings()
    {
        Assert.Equal("committed", DbEnum.ToText(KeyResultType.Committed));
        Assert.Equal("status-weighted", DbEnum.ToText(ProgressModel.StatusWeighted));
        Assert.Equal("on-track", DbEnum.ToText(CheckInStatus.OnTrack));
        Assert.Equal("off-track", DbEnum.ToText(CheckInStatus.OffTrack));
        Assert.Equal("admin", DbEnum.ToText(Role.Admin));
    }

    [Fact]
    public void Every_stored_string_parses_back()
    {
        AssertRoundTrips<CycleState>();
        AssertRoundTrips<ObjectiveLevel>();
        AssertRoundTrips<Visibility>();
        AssertRoundTrips<KeyResultType>();
        AssertRoundTrips<MeasureKind>();
        AssertRoundTrips<ProgressModel>();
        AssertRoundTrips<WriteBackMode>();
        AssertRoundTrips<CheckInStatus>();
        AssertRoundTrips<Role>();
    }

    [Fact]
    public void An_unknown_string_is_reported_as_bad_data()
    {
        Assert.Throws<InvalidDataException>(() => DbEnum.Parse<CheckInStatus>("OnTrack"));
        Assert.Throws<ArgumentOutOfRangeException>(() => DbEnum.ToText((Role)42));
    }

    private static void AssertRoundTrips<T>()
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            Assert.Equal(value, DbEnum.Parse<T>(DbEnum.ToText(value)));
        }
    }
}
