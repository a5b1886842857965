using ClinicalAgent.Tools.Formatting;
using System.Text;
using ClinicalAgent.Tools.Plugins;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Plugins;

public sealed class DocumentPluginTests(ToolsFixture fixture) : IClassFixture<ToolsFixture>
{
    private readonly DocumentPlugin _plugin = fixture.Get<DocumentPlugin>();

    [Fact]
    public async Task ReadDocument_GeneratedNote_ContainsNoteWords()
    {
        var note = fixture.Of<DocumentReference>().First();
        var text = Encoding.UTF8.GetString(note.Content[0].Attachment.Data);
        var words = text.Split([' ', '\n', '.', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 6).Take(5).ToList();

        var result = ToolsFixture.Parse(await _plugin.ReadDocumentAsync(note.Id));

        var read = result.GetProperty("text").GetString();
        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.Contains(w, read));
        Assert.Equal($"DocumentReference/{note.Id}", result.GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetDocuments_GeneratedPatient_ListsEveryNote()
    {
        var subject = fixture.Of<DocumentReference>().First().Subject.Reference;
        var expected = fixture.Of<DocumentReference>().Where(d => d.Subject.Reference == subject).Select(d => $"DocumentReference/{d.Id}").Order(StringComparer.Ordinal).ToList();

        var result = ToolsFixture.Parse(await _plugin.GetDocumentsAsync(subject, limit: 50));

        var ids = ToolTable.Rows(result).Select(r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Take(50), ids);
    }

    [Fact]
    public async Task ReadDocument_UnknownDocument_ReturnsError()
    {
        var result = ToolsFixture.Parse(await _plugin.ReadDocumentAsync("nope"));

        Assert.Contains("does not exist", result.GetProperty("error").GetString());
    }
}
