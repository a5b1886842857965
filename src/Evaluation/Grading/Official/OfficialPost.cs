using System.Text.Json;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>An accepted POST as the official graders extract it: the URL from the first line, the parsed body.</summary>
internal sealed record OfficialPost(string Url, JsonElement Payload);
