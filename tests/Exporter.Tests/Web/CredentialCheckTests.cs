using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vbrick.Exporter.Web;

namespace Vbrick.Exporter.Tests.Web;

/// <summary>bcrypt at the edges: a cost no connection could wait for is a configuration error, and start-up never waits for the decoy hash.</summary>
public sealed class CredentialCheckTests
{
    [Theory]
    [InlineData(12, false)]
    [InlineData(17, false)]
    [InlineData(18, true)]
    [InlineData(31, true)]
    public void ABcryptCostAbove17_IsAConfigurationErrorNamingTheUser(int cost, bool refused)
    {
        // The hash's shape is all the rule reads: made by hand, so no test spends a cost-31 hash.
        var hash = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"$2b${cost:D2}$") + new string('a', 53);
        var options = new WebOptions { BasicAuthUsers = { ["prometheus"] = hash } };

        var result = new WebOptionsCustomValidator().Validate(null, options);

        Assert.Equal(refused, result.Failed);
        if (refused)
        {
            Assert.Contains($"Web:BasicAuthUsers:prometheus has bcrypt cost {cost}", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheDecoyHash_IsMadeBesideStartUp_AndAnUnknownUserIsStillRefused()
    {
        var options = Options.Create(new WebOptions { BasicAuthUsers = { ["prometheus"] = BCrypt.Net.BCrypt.HashPassword("right", workFactor: 12) } });

        using var check = new CredentialCheck(options, TimeProvider.System, NullLogger<CredentialCheck>.Instance);

        // A cost-12 hash takes a good part of a second; the constructor returned long before.
        Assert.False(check.DecoyReady.IsCompleted);
        Assert.Equal(CredentialOutcome.Refused, await check.CheckAsync("127.0.0.1", "stranger", "guess", CancellationToken.None));
        Assert.True(check.DecoyReady.IsCompletedSuccessfully);
        Assert.Equal(CredentialOutcome.Accepted, await check.CheckAsync("127.0.0.1", "prometheus", "right", CancellationToken.None));
    }
}
