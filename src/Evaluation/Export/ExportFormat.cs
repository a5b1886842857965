namespace ClinicalAgent.Evaluation.Export;

/// <summary>The JSONL shapes <c>bench export</c> writes (TRL's conversational datasets).</summary>
public enum ExportFormat
{
    /// <summary>Preference pairs: <c>{"prompt": [...], "chosen": [...], "rejected": [...]}</c>.</summary>
    Dpo,

    /// <summary>Supervised fine-tuning: <c>{"messages": [...]}</c>.</summary>
    Sft,
}
