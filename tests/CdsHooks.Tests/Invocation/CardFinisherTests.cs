using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Cards;
using ClinicalAgent.CdsHooks.Invocation;

namespace ClinicalAgent.CdsHooks.Tests.Invocation;

public sealed class CardFinisherTests
{
    [Fact]
    public void Finish_RenderedSummaryOver140_IsCutTo140WithEllipsis()
    {
        var card = new JsonObject { ["summary"] = new string('a', 100) + " " + new string('b', 100), ["indicator"] = "info", ["source"] = new JsonObject { ["label"] = "t" } };

        var finished = CardFinisher.Finish(card, "card");

        var summary = finished["summary"]!.GetValue<string>();
        Assert.Equal(140, summary.Length);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
        Assert.StartsWith(new string('a', 100) + " b", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_ShortSummary_IsKeptWithCollapsedSpaces()
    {
        var card = new JsonObject { ["summary"] = "Low  potassium:\n3.1 mmol/L", ["indicator"] = "warning", ["source"] = new JsonObject { ["label"] = "t" } };

        var finished = CardFinisher.Finish(card, "card");

        Assert.Equal("Low potassium: 3.1 mmol/L", finished["summary"]!.GetValue<string>());
        Assert.True(Guid.TryParse(finished["uuid"]!.GetValue<string>(), out _));
    }

    [Fact]
    public void Finish_UnknownIndicator_IsRefused()
    {
        var card = new JsonObject { ["summary"] = "x", ["indicator"] = "", ["source"] = new JsonObject { ["label"] = "t" } };

        var ex = Assert.Throws<CdsServiceException>(() => CardFinisher.Finish(card, "card"));

        Assert.Equal(500, ex.Status);
    }

    [Fact]
    public void Finish_SuggestedResourceNotFhir_IsRefused()
    {
        var card = new JsonObject
        {
            ["summary"] = "x",
            ["indicator"] = "info",
            ["source"] = new JsonObject { ["label"] = "t" },
            ["suggestions"] = new JsonArray(new JsonObject
            {
                ["label"] = "s",
                ["actions"] = new JsonArray(new JsonObject { ["type"] = "create", ["resource"] = new JsonObject { ["resourceType"] = "MedicationRequest", ["status"] = 12 } }),
            }),
        };

        var ex = Assert.Throws<CdsServiceException>(() => CardFinisher.Finish(card, "card"));

        Assert.Contains("not valid FHIR", ex.Message, StringComparison.Ordinal);
    }
}
