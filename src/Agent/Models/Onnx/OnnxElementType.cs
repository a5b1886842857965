namespace ClinicalAgent.Agent.Models.Onnx;

/// <summary>ONNX tensor element types (<c>TensorProto.DataType</c> in onnx.proto) this project writes or names.</summary>
public enum OnnxElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    BFloat16 = 16,
}
