using System.Net;
using ClinicalAgent.Web.Tests.Support;

namespace ClinicalAgent.Web.Tests.Benchmarks;

/// <summary>The benchmark pages over HTTP: a run of <c>--repeats 3</c> listed with its pass@1 and pass^3 and their
/// intervals, and each of its repeats opened on its own page.</summary>
public sealed class BenchmarkPageTests(BenchmarkAppFixture fixture) : IClassFixture<BenchmarkAppFixture>
{
    private ServedApp App => fixture.App;

    [Fact]
    public async Task List_RepeatedRun_ShowsPassAt1AndPassHat3WithTheirWilsonIntervals()
    {
        using var http = Client();

        var html = await http.GetStringAsync("/app/benchmarks");

        // Per task 3/3, 2/3, 1/3, 0/3: pass@1 = 2/4 = 50%, pass^3 = 1/4 = 25%; Wilson at n = 4 tasks (z = 1.96):
        // 0.5 → [15.0, 85.0], 0.25 → [4.6, 69.9] (computed by hand from the formula).
        Assert.Contains("<tr data-run=\"repeated\"><th scope=\"row\"><a href=\"/app/benchmarks/repeated\">repeated</a></th><td>planned</td><td>3</td><td>4</td>"
            + "<td>50.0%</td><td>[15.0, 85.0]</td><td>25.0%</td><td>[4.6, 69.9]</td></tr>", html, StringComparison.Ordinal);
        // The oracle's single run: every task passes, no pass^k.
        Assert.Matches("<tr data-run=\"single\">.*?<td>oracle</td><td>1</td><td>\\d+</td><td>100.0%</td><td>\\[\\d+\\.\\d, 100.0\\]</td><td>—</td><td>—</td></tr>", html);
        Assert.Contains("<tr data-run=\"empty-run\"><th scope=\"row\"><a href=\"/app/benchmarks/empty-run\">empty-run</a></th><td colspan=\"7\">no finished tasks yet</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPage_RepeatedRun_ShowsPassHat3PerGroupAndLinksEveryRepeat()
    {
        using var http = Client();

        var html = await http.GetStringAsync("/app/benchmarks/repeated");

        Assert.Contains("<th scope=\"col\">pass^3</th>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">all tasks</th><td>4</td><td>6</td><td>50.0%</td><td>[15.0, 85.0]</td><td>25.0%</td><td>[4.6, 69.9]</td></tr>", html, StringComparison.Ordinal);
        foreach (var repeat in new[] { 1, 2, 3 })
            Assert.Contains($"<a href=\"/app/benchmarks/repeated/repeats/{repeat}\">repeat {repeat}</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    public async Task RepeatPage_ListsThatRepeatsTasksWithTheirVerdicts(int repeat, int passing)
    {
        using var http = Client();

        var html = await http.GetStringAsync($"/app/benchmarks/repeated/repeats/{repeat}");

        Assert.Contains($"<h1>Benchmark repeated, repeat {repeat}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"seed {1234 + repeat - 1}", html, StringComparison.Ordinal);
        for (var i = 0; i < fixture.Tasks.Count; i++)
            Assert.Contains($"<tr data-task=\"{fixture.Tasks[i]}\"><th scope=\"row\">{fixture.Tasks[i]}</th><td>{(i < 2 ? 1 : 2)}</td>", html, StringComparison.Ordinal);
        for (var i = 0; i < fixture.Tasks.Count; i++)
            Assert.Matches($"<tr data-task=\"{fixture.Tasks[i]}\"><th scope=\"row\">{fixture.Tasks[i]}</th><td>\\d+</td><td>[^<]*</td><td>{(i < passing ? "pass" : "fail")}</td>", html);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">all tasks</th><td>4</td><td>{passing}</td><td>{25.0 * passing:0.0}%</td>"), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app/benchmarks/repeated/repeats/4")]
    [InlineData("/app/benchmarks/single/repeats/1")]
    [InlineData("/app/benchmarks/..%2Frepeated")]
    public async Task RepeatPage_NoSuchRepeatOrRun_AnswersNotFound(string path)
    {
        using var http = Client();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient Client() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(App.BaseUrl) };
}
