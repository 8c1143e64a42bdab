using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ML.AutoEncoderRec.Tests.Serving;

/// <summary>
/// The demo page in Debian's headless Chromium (never a downloaded browser) against the server on a real loopback
/// port: rating three movies shows recommendations.
/// </summary>
public sealed class DemoPageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
        "--disable-component-update", "--disable-sync", "--disable-quic",
    ];

    [Fact]
    public async Task RatingThreeMoviesShowsRecommendations()
    {
        Assert.True(File.Exists(Chromium),
            $"This test needs Debian's Chromium at {Chromium}: install it with 'apt-get install -y chromium' (.ci/run does).");
        var (recommender, titles) = ServeTestHost.MovieLensSmall();
        await using var host = await ServeTestHost.StartOnLoopbackAsync(recommender, titles);
        var profile = Directory.CreateTempSubdirectory("aerec-chromium-");
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName,
                new BrowserTypeLaunchPersistentContextOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
            browser.SetDefaultTimeout(20_000);
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            await page.GotoAsync(host.Url);
            await Expect(page.Locator("#model")).ToContainTextAsync("item-mean-test model: 9,724 items");

            string[] rated = ["Toy Story (1995)", "Matrix, The (1999)", "Pulp Fiction (1994)"];
            foreach (var (search, title) in new[] { ("toy story", rated[0]), ("MATRIX", rated[1]), ("pulp", rated[2]) })
            {
                await page.FillAsync("#search", search);
                var row = page.Locator("#results li", new() { HasText = title }).First;
                await row.Locator("button[data-rating='5']").ClickAsync();
            }

            await Expect(page.Locator("#rated li")).ToHaveCountAsync(3);
            await Expect(page.Locator("#recommendations li")).ToHaveCountAsync(10);
            string recommendations = await page.Locator("#recommendations").InnerTextAsync();
            foreach (var title in rated) Assert.DoesNotContain(title, recommendations);
            await Expect(page.Locator("#message")).ToBeEmptyAsync();
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
