using Vbrick.Exporter.Aggregation;

namespace Vbrick.Exporter.Tests.Aggregation;

public sealed class LabelValueTableTests
{
    [Theory]
    [InlineData("", "unknown")]
    [InlineData("   ", "unknown")]
    [InlineData("  London HQ  ", "London HQ")]
    [InlineData("unknown", "'unknown'")]
    [InlineData(" other ", "'other'")]
    [InlineData("None", "None")]
    [InlineData("Other", "Other")]
    [InlineData("line\nbreak", "line break")]
    [InlineData("tab\there\u0000", "tab here")]
    [InlineData("c1\u0085control", "c1 control")]
    [InlineData("pair😀kept", "pair😀kept")]
    public void Resolve_RawValue_IsCleaned(string raw, string expected)
    {
        var table = new LabelValueTable(50);

        Assert.Equal(expected, table[table.Resolve(raw)]);
    }

    [Fact]
    public void Resolve_LoneSurrogate_BecomesReplacementCharacter()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate.
        var raw = "lone" + (char)0xD800 + "surrogate" + (char)0xDC00;
        var table = new LabelValueTable(50);

        Assert.Equal("lone\uFFFDsurrogate\uFFFD", table[table.Resolve(raw)]);
    }

    [Fact]
    public void Resolve_LongValue_IsCutTo100Characters()
    {
        var table = new LabelValueTable(50);

        var value = table[table.Resolve(new string('a', 500))];

        Assert.Equal(100, value.Length);
    }

    [Fact]
    public void Resolve_LongValueEndingInASurrogatePair_NeverSplitsThePair()
    {
        var table = new LabelValueTable(50);

        var value = table[table.Resolve(new string('a', 99) + "😀😀")];

        Assert.Equal(99, value.Length);
        Assert.False(char.IsSurrogate(value[^1]));
    }

    [Fact]
    public void Resolve_BeyondCap_FoldsIntoOtherAndCounts()
    {
        var table = new LabelValueTable(2);

        var a = table.Resolve("a");
        var b = table.Resolve("b");
        var c = table.Resolve("c");
        var again = table.Resolve("a");

        Assert.Equal(LabelValueTable.OtherIndex, c);
        Assert.Equal(a, again);
        Assert.NotEqual(a, b);
        Assert.Equal(1, table.DrainFolded());
        Assert.Equal(0, table.DrainFolded());
    }

    [Fact]
    public void Resolve_AFoldedValueSeenAgain_CountsAgain_AndRawVariantsOfOneValueShareItsIndex()
    {
        var table = new LabelValueTable(1);
        var london = table.Resolve("London");

        // Resolved before (through the raw-value cache) or not, a record folded is a record counted.
        Assert.Equal(LabelValueTable.OtherIndex, table.Resolve("Paris"));
        Assert.Equal(LabelValueTable.OtherIndex, table.Resolve("Paris"));
        Assert.Equal(LabelValueTable.OtherIndex, table.Resolve("Paris"));
        Assert.Equal(3, table.DrainFolded());

        Assert.Equal(london, table.Resolve(" London "));
        Assert.Equal(london, table.Resolve(" London "));
        Assert.Equal(0, table.DrainFolded());
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Resolve_AStreamOfDistinctValues_FoldsEachOne_WithTheCacheOfRawValuesFull()
    {
        var table = new LabelValueTable(2);

        for (var i = 0; i < 10_000; i++)
        {
            table.Resolve("value-" + i);
        }

        // Past the raw cache's bound the values still resolve by the same rule.
        Assert.Equal(LabelValueTable.OtherIndex, table.Resolve("value-9999"));
        Assert.Equal(2, table.Resolve("value-0"));
        Assert.Equal(9_998 + 1, table.DrainFolded());
    }

    [Fact]
    public void Resolve_UnknownAndOther_DoNotCountTowardTheCap()
    {
        var table = new LabelValueTable(1);

        table.Resolve("");
        var first = table.Resolve("first");
        var overflow = table.Resolve("second");

        Assert.NotEqual(LabelValueTable.OtherIndex, first);
        Assert.Equal(LabelValueTable.OtherIndex, overflow);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void AValueLiterallyNamedOtherOrUnknown_KeepsALabelOfItsOwn_ApartFromTheOverflowAndTheMissingValue()
    {
        var table = new LabelValueTable(2);

        var named = table.Resolve("other");
        var unknown = table.Resolve("unknown");
        var overflow = table.Resolve("third");

        Assert.Equal(("'other'", "other"), (table[named], table.Raw(named)));
        Assert.Equal(("'unknown'", "unknown"), (table[unknown], table.Raw(unknown)));
        Assert.NotEqual(LabelValueTable.OtherIndex, named);
        Assert.NotEqual(LabelValueTable.UnknownIndex, unknown);
        Assert.Equal(LabelValueTable.OtherIndex, overflow);
        Assert.Equal(LabelValueTable.UnknownIndex, table.Resolve("  "));
    }

    [Fact]
    public void Resolve_FirstValuesSeen_StayStableForTheEventsLife()
    {
        var table = new LabelValueTable(3);
        var indices = new[] { "x", "y", "z" }.Select(v => table.Resolve(v)).ToArray();

        for (var i = 0; i < 100; i++)
        {
            table.Resolve("newcomer-" + i);
        }

        Assert.Equal(indices, new[] { "x", "y", "z" }.Select(v => table.Resolve(v)).ToArray());
    }
}
