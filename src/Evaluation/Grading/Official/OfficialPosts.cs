namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// The official graders' two readings of the POSTs in a history: "has a POST" is any model turn containing the text
/// <c>POST</c> (accepted or not); the counted POSTs are the model turns containing <c>POST</c> whose next turn contains
/// "POST request accepted", with the URL after the first four characters of the first line and the rest parsed as
/// JSON (a body that does not parse is skipped, not counted).
/// </summary>
internal static class OfficialPosts
{
    public static bool HasPost(IReadOnlyList<HistoryTurn> history) =>
        history.Any(t => t.Role == "agent" && t.Content.Contains("POST", StringComparison.Ordinal));

    public static IReadOnlyList<OfficialPost> Accepted(IReadOnlyList<HistoryTurn> history)
    {
        var posts = new List<OfficialPost>();
        for (var i = 0; i + 1 < history.Count; i++)
        {
            var turn = history[i];
            if (turn.Role != "agent" || !turn.Content.Contains("POST", StringComparison.Ordinal)
                || !history[i + 1].Content.Contains("POST request accepted", StringComparison.Ordinal))
                continue;
            var lines = turn.Content.Split('\n');
            var url = (lines[0].Length > 4 ? lines[0][4..] : "").Trim();
            try
            {
                posts.Add(new OfficialPost(url, PyJson.Loads(string.Join('\n', lines.Skip(1)))));
            }
            catch (PyError)
            {
                // The official extraction swallows a body that does not parse.
            }
        }

        return posts;
    }
}
