using Vbrick.Exporter.PostEvent;

namespace Vbrick.Exporter.Tests.PostEvent;

public sealed class PollLabelsTests
{
    [Fact]
    public void Distinct_TextsEqualAfterCutting_StayDistinctAndWithinTheCap()
    {
        var stem = new string('q', 120);

        var labels = PollLabels.Distinct([stem + " first?", stem + " second?", "  Short?  ", "Short?", ""]);

        Assert.Equal(5, labels.Distinct().Count());
        Assert.All(labels, l => Assert.True(l.Length <= 100));
        Assert.Equal("Short?", labels[2]);
        Assert.Equal("Short? #2", labels[3]);
        Assert.Equal("unknown", labels[4]);
        Assert.EndsWith(" #2", labels[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Distinct_SameInput_GivesTheSameLabelsEveryTime()
    {
        string[] texts = ["A?", "A?", "B?"];

        Assert.Equal(PollLabels.Distinct(texts), PollLabels.Distinct(texts));
    }

    [Fact]
    public void Distinct_HundredThousandRepeatsOfOneText_AllDistinct()
    {
        var labels = PollLabels.Distinct(Enumerable.Repeat("Same answer", 100_000));

        Assert.Equal(100_000, labels.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("Same answer #100000", labels[^1]);
    }
}
