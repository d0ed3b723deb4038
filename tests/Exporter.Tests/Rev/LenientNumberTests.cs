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

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("7")]
    [InlineData("0.1")]
    [InlineData("2345.678")]
    [InlineData("-4.25")]
    [InlineData("000123.4500")]
    [InlineData("999999999999999")]
    [InlineData("0.000000000000001")]
    [InlineData("123456789.012345")]
    [InlineData("9007199254740.99")]
    [InlineData("0.0000000000000000000001")]
    [InlineData("-0.000")]
    public void PlainDecimals_ReadAsTheGeneralParserReadsThem_BitForBit(string text)
    {
        Assert.True(LenientNumber.TryParsePlainDecimal(Encoding.UTF8.GetBytes(text), out var fast));

        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(fast));
    }

    [Fact]
    public void PlainDecimals_RandomValues_ReadAsTheGeneralParserReadsThem_BitForBit()
    {
        var random = new Random(20261206);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 16);
            var whole = random.NextInt64((long)Math.Pow(10, digits));
            var scale = random.Next(0, digits + 1);
            var text = whole.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
            if (scale > 0)
            {
                text = text[..^scale] + "." + text[^scale..];
            }

            text = random.Next(2) == 0 ? text : "-" + text;
            Assert.True(LenientNumber.TryParsePlainDecimal(Encoding.UTF8.GetBytes(text), out var fast), text);
            Assert.True(
                BitConverter.DoubleToInt64Bits(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)) == BitConverter.DoubleToInt64Bits(fast),
                text);
        }
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("1E-2")]
    [InlineData("1234567890123456")]
    [InlineData("0.00000000000000000000001")]
    [InlineData("12.")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("1.2.3")]
    public void OtherShapes_GoToTheGeneralParser(string text) =>
        Assert.False(LenientNumber.TryParsePlainDecimal(Encoding.UTF8.GetBytes(text), out _));
}
