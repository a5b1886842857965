using ClinicalAgent.Tools.Time;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Tools.Tests.Time;

public sealed class ClinicalClockTests(ToolsFixture fixture) : IClassFixture<ToolsFixture>
{
    [Fact]
    public async Task GetNowAsync_StoreSettingWithoutOption_UsesStoreNow()
    {
        var storeNow = new DateTimeOffset(2021, 3, 4, 5, 6, 0, TimeSpan.Zero);
        await fixture.Store.SetSettingAsync(ClinicalClock.StoreNowSetting, storeNow.ToString("o"));
        var clock = new ClinicalClock(Options.Create(new ClinicalToolsOptions()), fixture.Store);

        var now = await clock.GetNowAsync();

        Assert.Equal(storeNow, now);
    }

    [Fact]
    public async Task GetNowAsync_OptionSet_OptionWins()
    {
        var clock = new ClinicalClock(Options.Create(new ClinicalToolsOptions { Now = ToolsFixture.Now }), fixture.Store);

        var now = await clock.GetNowAsync();

        Assert.Equal(ToolsFixture.Now, now);
    }

    [Theory]
    [InlineData("24h", -24 * 60)]
    [InlineData("7d", -7 * 24 * 60)]
    [InlineData("90min", -90)]
    public void Parse_RelativeSpan_CountsBackFromNow(string text, int minutes)
    {
        var now = ToolsFixture.Now;

        var moment = TimeExpression.Parse(text, now, "since");

        Assert.Equal(now.AddMinutes(minutes), moment);
    }

    [Fact]
    public void Parse_IsoDateTime_ReturnsThatMoment()
    {
        var text = "2023-11-12T08:00:00Z";

        var moment = TimeExpression.Parse(text, ToolsFixture.Now, "since");

        Assert.Equal(new DateTimeOffset(2023, 11, 12, 8, 0, 0, TimeSpan.Zero), moment);
    }
}
