using Vbrick.Exporter.Aggregation.Census;

namespace Vbrick.Exporter.Tests.Aggregation;

/// <summary>What one sorted search page proves, and what the data proves of Rev's search rule.</summary>
public sealed class CensusJudgeTests
{
    private static readonly string[] OfficeNames = ["HQ London", "London", "New York Office", "Oslo Office", "VPN"];

    [Fact]
    public void Judge_AllMatchesOnThePage_CountsTheValuesOwnOnlineRecordsOnly()
    {
        var verdict = CensusJudge.Judge("London", [Run("HQ London", 40, 30), Run("London", 25, 20)], complete: true, total: 65, descending: false, isolated: false);

        Assert.Equal(new CensusVerdict(CensusResult.CountedBlock, 20), verdict);
    }

    [Fact]
    public void Judge_AnotherValueAfterTheValuesRecords_ClosesItsBlock_EvenWithMoreMatchesBeyond()
    {
        // Descending: London's records came first and HQ London's began: all of London was seen.
        var verdict = CensusJudge.Judge("London", [Run("London", 300, 280), Run("HQ London", 200, 190)], complete: false, total: 14_000, descending: true, isolated: false);

        Assert.Equal(new CensusVerdict(CensusResult.CountedBlock, 280), verdict);
    }

    [Theory]
    [InlineData(true, CensusResult.CountedTotal, 9_000)]
    [InlineData(false, CensusResult.Ambiguous, 0)]
    public void Judge_APageOfTheValueOnly_TrustsRevsTotalOnlyWhenNoOtherValueCanMatch(bool isolated, CensusResult result, long count)
    {
        var verdict = CensusJudge.Judge("HQ London", [Run("HQ London", 500, 500)], complete: false, total: 9_000, descending: false, isolated);

        Assert.Equal(new CensusVerdict(result, count), verdict);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Judge_OtherValuesFirstAndTheValueCutOffOrAbsent_IsNotReached(bool valueOnPage)
    {
        ValueRun[] runs = valueOnPage ? [Run("HQ London", 400, 400), Run("London", 100, 100)] : [Run("HQ London", 500, 500)];

        var verdict = CensusJudge.Judge("London", runs, complete: false, total: 14_000, descending: false, isolated: true);

        Assert.Equal(CensusResult.NotReached, verdict.Result);
    }

    [Fact]
    public void Judge_NoMatchAtAll_IsAnExactZero()
    {
        Assert.Equal(new CensusVerdict(CensusResult.CountedBlock, 0), CensusJudge.Judge("Oslo Office", [], complete: true, total: 0, descending: false, isolated: false));
    }

    [Theory]
    [InlineData(new[] { "VPN", "London" }, false)]
    [InlineData(new[] { "London", "VPN", "London" }, false)]
    [InlineData(new[] { "London", "VPN" }, true)]
    public void Judge_RecordsOutOfTheOrderAskedFor_ProveNothing(string[] values, bool inOrder)
    {
        var runs = values.Select(v => Run(v, 10, 10)).ToList();

        var verdict = CensusJudge.Judge("London", runs, complete: true, total: 30, descending: false, isolated: false);

        Assert.Equal(inOrder ? CensusResult.CountedBlock : CensusResult.Unsorted, verdict.Result);
        Assert.Equal(!inOrder, CensusJudge.CheckOrder(runs, descending: false).Violated);
    }

    [Fact]
    public void ProvenAbsent_ValuesBeforeTheLastValueOfASortedPage_OrMissingFromACompleteOne()
    {
        var present = new[] { "Amsterdam Office", "HQ London", "Oslo Office", "VPN" };

        var sorted = CensusJudge.ProvenAbsent("London", [Run("London", 500, 480)], complete: false, descending: false, sortTrusted: true, present);
        var untrusted = CensusJudge.ProvenAbsent("London", [Run("London", 500, 480)], complete: false, descending: false, sortTrusted: false, present);
        var complete = CensusJudge.ProvenAbsent("London", [Run("London", 40, 30)], complete: true, descending: false, sortTrusted: false, present);

        Assert.Equal(["Amsterdam Office", "HQ London"], sorted);
        Assert.Empty(untrusted);
        Assert.Equal(present, complete);
    }

    [Fact]
    public void Evidence_AForeignValueReturned_RefutesTheRulesThatWouldNotMatchIt()
    {
        var evidence = new SearchRuleEvidence();

        evidence.Seen("London", "HQ London");

        Assert.Equal([SearchRule.Substring, SearchRule.Words, SearchRule.Ignored], evidence.Plausible.Order());
        Assert.False(evidence.Isolated("London", OfficeNames));
    }

    [Fact]
    public void Evidence_AValueProvenMissing_RefutesTheRulesThatWouldMatchIt_ThenTotalsAreTrusted()
    {
        var evidence = new SearchRuleEvidence();

        evidence.Missed("New York Office", "Oslo Office");

        Assert.Equal([SearchRule.Exact, SearchRule.Substring], evidence.Plausible.Order());
        Assert.True(evidence.Isolated("New York Office", OfficeNames));
        Assert.True(evidence.Isolated("HQ London", OfficeNames));
        Assert.False(evidence.Isolated("London", OfficeNames));
    }

    [Fact]
    public void Evidence_WhileQIsIgnoredIsPlausible_NothingIsIsolated_AndAProbeIsProposed()
    {
        var evidence = new SearchRuleEvidence();

        Assert.False(evidence.Isolated("VPN", ["VPN", "Oslo Office"]));
        Assert.Equal("Oslo Office", evidence.Informative("VPN", ["VPN", "Oslo Office"]));
        evidence.Missed("VPN", "Oslo Office");
        Assert.Null(evidence.Informative("VPN", ["VPN", "Oslo Office"]));
        Assert.True(evidence.Isolated("VPN", ["VPN", "Oslo Office"]));
    }

    [Fact]
    public void Evidence_ContradictedByEveryRule_TrustsNoTotal()
    {
        var evidence = new SearchRuleEvidence();

        evidence.Missed("VPN", "Oslo Office");
        evidence.Seen("VPN", "Oslo Office");

        Assert.Empty(evidence.Plausible);
        Assert.False(evidence.Isolated("VPN", ["VPN"]));
    }

    [Theory]
    [InlineData(SearchRule.Exact, "london", "London", true)]
    [InlineData(SearchRule.Exact, "London", "HQ London", false)]
    [InlineData(SearchRule.Substring, "London", "HQ London", true)]
    [InlineData(SearchRule.Substring, "HQ London", "London", false)]
    [InlineData(SearchRule.Words, "New York Office", "Oslo Office", true)]
    [InlineData(SearchRule.Words, "Home / Internet", "VPN", false)]
    [InlineData(SearchRule.Ignored, "VPN", "Oslo Office", true)]
    public void Rules_MatchAsTheirNamesSay(SearchRule rule, string query, string value, bool matches) =>
        Assert.Equal(matches, rule.Matches(query, value));

    private static ValueRun Run(string label, int records, int online) => new(label, records, online);
}
