using System.Text;
using System.Text.Json;
using Vbrick.Exporter.Rev;

namespace Vbrick.Exporter.Tests.Rev;

/// <summary>The one number rule, through each of the three ways Rev's answers are read.</summary>
public sealed class LenientNumberTests
{
    public static TheoryData<string, double?> Numbers => new()
    {
        { "12", 12 },
        { "\"12\"", 12 },
        { "\" 1e3 \"", 1000 },
        { "\"-4.5\"", -4.5 },
        { "-4.5", -4.5 },
        { "\"\\u0031\\u0032\"", 12 },
        { "\"12 kbps\"", null },
        { "\"NaN\"", null },
        { "\"Infinity\"", null },
        { "1e999", null },
        { "\"1e999\"", null },
        { "true", null },
        { "null", null },
        { "\"\"", null },
        { "\"\\ud800\"", null },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void StreamingReaderAndDocument_ReadTheSameNumber(string json, double? expected)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, LenientNumber.Read(ref reader));
        Assert.Equal(expected, LenientNumber.Read(document.RootElement));
    }

    [Theory]
    [InlineData(3.0, 3L)]
    [InlineData(2.5, 2L)]
    [InlineData(2.6, 3L)]
    [InlineData(0.0, 0L)]
    [InlineData(-1.0, null)]
    [InlineData(9_223_372_036_854_775_807.0, null)]
    [InlineData(1e300, null)]
    [InlineData(9_007_199_254_740_992.0, 9_007_199_254_740_992L)]
    public void Count_IsANonNegativeWholeNumberThatFitsALong_NeverWrapped(double value, long? expected) =>
        Assert.Equal(expected, LenientNumber.Count(value));

    [Fact]
    public void TheThreeReaders_AgreeOnCountsAndNegatives()
    {
        const string json = """{"votes":"-3","totalResponses":"9223372036854775807","n":" 7 "}""";
        using var document = JsonDocument.Parse(json);

        Assert.Null(document.RootElement.Count("votes"));
        Assert.Null(document.RootElement.Count("totalResponses"));
        Assert.Equal(7, document.RootElement.Count("n"));

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("\"9223372036854775807\""));
        reader.Read();
        Assert.Null(JsonFieldDecoder.ReadCount(ref reader));

        var options = new JsonSerializerOptions { Converters = { new Vbrick.Exporter.Rev.Dto.LenientNumberConverter() } };
        Assert.Null(JsonSerializer.Deserialize<double?>("\"-3\"", options));
        Assert.Equal(7, JsonSerializer.Deserialize<double?>("\" 7 \"", options));
        Assert.Null(JsonSerializer.Deserialize<double?>("{\"a\":1}", options));
    }
}
