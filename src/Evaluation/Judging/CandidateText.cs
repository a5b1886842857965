using System.Text;
using System.Text.Json;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Judging;

/// <summary>
/// What the judge reads of an answer: the final answer as written and, for the action categories, the writes it
/// proposed (resource type and compact FHIR JSON), each cut to a length so one long answer cannot crowd the other out
/// of the judge's context. The trace is left out: the judge rates outcomes, as the rule graders do.
/// </summary>
internal static class CandidateText
{
    /// <summary>Most characters of the answer text, and of each proposed write, the judge is shown.</summary>
    public const int MaxAnswer = 2000, MaxWrite = 800;

    /// <summary>A run's answer to a task.</summary>
    public static string Of(TaskResult result)
    {
        var text = new StringBuilder(Cut(result.AnswerText.Trim(), MaxAnswer));
        if (result.Posts.Count > 0)
        {
            text.Append("\n\nProposed writes:");
            foreach (var post in result.Posts)
                text.Append("\n- ").Append(post.ResourceType).Append(' ').Append(Cut(post.Body.GetRawText(), MaxWrite));
        }
        else if (TaskCategory.IsAction(result.Category))
        {
            text.Append("\n\nProposed writes: none.");
        }

        return text.ToString();
    }

    /// <summary>The reference answer a task carries: a free-text task's written answer, else its expected FINISH list
    /// and, for a task that calls for a write, what is to be written.</summary>
    /// <exception cref="InvalidDataException">The task has no expected outcome.</exception>
    public static string Reference(BenchTask task)
    {
        var expected = task.Expected ?? throw new InvalidDataException($"Task {task.Id} has no expected outcome, so it has no reference answer.");
        if (expected.Reference is { Length: > 0 } written)
            return Cut(written, MaxAnswer);
        var text = new StringBuilder();
        if (expected.Answer is { } answer)
            text.Append("FINISH([").Append(string.Join(", ", answer.Select(e => e.GetRawText()))).Append("])");
        if (expected.Action)
        {
            text.Append(text.Length > 0 ? "\n\n" : "").Append("Proposed writes: as the context states");
            if (expected.Text is { } quoted)
                text.Append(", with ").Append(JsonSerializer.Serialize(quoted));
            if (expected.Dose is { } dose)
                text.Append(", dose ").Append(dose.ToString(System.Globalization.CultureInfo.InvariantCulture));
            text.Append('.');
        }
        else if (TaskCategory.IsAction(task.Category))
        {
            text.Append("\n\nProposed writes: none.");
        }

        return text.ToString();
    }

    /// <summary>The question the agent was asked.</summary>
    public static string Question(BenchTask task) => $"{task.Instruction}\n\nContext: {task.Context}";

    private static string Cut(string text, int most) => text.Length <= most ? text : text[..most] + " […]";
}
