using ClinicalAgent.ModelApi.Serving;

namespace ClinicalAgent.ModelApi.Tests;

public sealed class StopSequenceFilterTests
{
    [Fact]
    public void Push_StopSplitAcrossPieces_SendsNothingOfItAndStops()
    {
        var filter = new StopSequenceFilter(["END"]);

        var sent = filter.Push("Potassium 3.2 E") + filter.Push("N") + filter.Push("D and more") + filter.Flush();

        Assert.Equal("Potassium 3.2 ", sent);
        Assert.True(filter.Stopped);
    }

    [Fact]
    public void Push_NearMissOfTheStop_SendsEverything()
    {
        var filter = new StopSequenceFilter(["END"]);

        var sent = filter.Push("EN") + filter.Push("dless EN") + filter.Flush();

        Assert.Equal("ENdless EN", sent);
        Assert.False(filter.Stopped);
    }

    [Fact]
    public void Cut_TwoStops_EndsAtTheEarliest()
    {
        var (text, stopped) = StopSequenceFilter.Cut("a;b.c", [".", ";"]);

        Assert.Equal("a", text);
        Assert.True(stopped);
    }
}
