using System.Text.Json;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Grading;

/// <summary>
/// The graders of the ten MedAgentBench categories and the two image categories: pure functions of the task (with its expected outcome and frozen now), the
/// FINISH list and the proposed writes. They check only what the task's context states, and never read a clock.
/// </summary>
internal static class TaskGrader
{
    /// <summary>Grades one run of <paramref name="task"/>.</summary>
    /// <exception cref="InvalidDataException">The task carries no expected outcome.</exception>
    /// <param name="task">The task, with its expected outcome.</param>
    /// <param name="answer">The FINISH list.</param>
    /// <param name="posts">The proposed writes.</param>
    /// <param name="answerText">The final answer as written: a free-text question is graded on it when the FINISH list holds no text.</param>
    public static Grade Grade(BenchTask task, IReadOnlyList<JsonElement>? answer, IReadOnlyList<ProposedPost> posts, string? answerText = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(posts);
        var expected = task.Expected ?? throw new InvalidDataException($"Task {task.Id} has no expected outcome to grade against.");
        var now = task.EffectiveNow;
        var failures = new List<string>();
        switch (task.Category)
        {
            case TaskCategory.ChestFinding or TaskCategory.LesionLabel:
                // The answer and the image it was read from; labels and yes/no compare ignoring case.
                AnswerRules.Check(failures, expected.Answer, answer, 0m);
                NoPosts(failures, posts);
                break;
            case TaskCategory.FreeText:
                RequiredFactGrader.Check(failures, expected.Facts ?? [], RequiredFactGrader.AnswerOf(answer, answerText));
                NoPosts(failures, posts);
                break;
            case 1 or 2 or 4 or 7:
                AnswerRules.Check(failures, expected.Answer, answer, Tolerance(task, 0.000001m));
                NoPosts(failures, posts);
                break;
            case 6:
                AnswerRules.Check(failures, expected.Answer, answer, Tolerance(task, 0.1m));
                NoPosts(failures, posts);
                break;
            case 3 or 8 when !expected.Action:
                // The instruction names a patient who does not exist: nothing written, the lookup's "not found" answer.
                AnswerRules.Check(failures, expected.Answer, answer, 0m);
                NoPosts(failures, posts);
                break;
            case 3:
                if (Exactly(failures, posts, "Observation") is { } observation)
                    PostRules.BloodPressure(failures, observation.Body, task.EvalMrn!, expected.Text!, now);
                break;
            case 5:
                AnswerRules.Check(failures, expected.Answer, answer, Tolerance(task, 0.000001m), emptyAccepted: NoValueAnswers.AcceptsEmpty(task));
                if (!expected.Action)
                    NoPosts(failures, posts);
                else if (Exactly(failures, posts, "MedicationRequest") is { } magnesium)
                    PostRules.Magnesium(failures, magnesium.Body, task.EvalMrn!, expected.Dose!.Value, expected.RateHours!.Value, now);
                break;
            case 8:
                if (Exactly(failures, posts, "ServiceRequest") is { } referral)
                    PostRules.Referral(failures, referral.Body, task.EvalMrn!, expected.Text!, now);
                break;
            case 9:
                AnswerRules.Check(failures, expected.Answer, answer, Tolerance(task, 0.000001m), emptyAccepted: NoValueAnswers.AcceptsEmpty(task));
                if (!expected.Action)
                    NoPosts(failures, posts);
                else if (Exactly(failures, posts, "MedicationRequest", "ServiceRequest") is not null)
                    PostRules.Potassium(failures, posts[0].Body, posts[1].Body, task.EvalMrn!, expected.Dose!.Value, now);
                break;
            case 10:
                AnswerRules.Check(failures, expected.Answer, answer, Tolerance(task, 0.000001m), emptyAccepted: NoValueAnswers.AcceptsEmpty(task));
                if (!expected.Action)
                    NoPosts(failures, posts);
                else if (Exactly(failures, posts, "ServiceRequest") is { } order)
                    PostRules.HbA1cOrder(failures, order.Body, task.EvalMrn!, now);
                break;
        }

        return Grading.Grade.From(failures);
    }

    /// <summary>The answer's tolerance: the category's, or the wider one a unit perturbation states for its conversion.</summary>
    private static decimal Tolerance(BenchTask task, decimal category) => Coverage.UnitVariants.Tolerance(task, category);

    private static void NoPosts(List<string> failures, IReadOnlyList<ProposedPost> posts)
    {
        if (posts.Count > 0)
            failures.Add($"Expected no write; got {posts.Count} ({string.Join(", ", posts.Select(p => p.ResourceType))}).");
    }

    /// <summary>The first post when the posts are exactly these types in this order; else a failure and null.</summary>
    private static ProposedPost? Exactly(List<string> failures, IReadOnlyList<ProposedPost> posts, params string[] types)
    {
        if (posts.Select(p => p.ResourceType).SequenceEqual(types, StringComparer.Ordinal))
            return posts[0];
        failures.Add($"Expected writes [{string.Join(", ", types)}] in that order; got [{string.Join(", ", posts.Select(p => p.ResourceType))}].");
        return null;
    }
}
