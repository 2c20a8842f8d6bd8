// The root types the compilers require of a system module: Object, ValueType, Enum, String,
// Array, Array<T>, Delegate, MulticastDelegate, Nullable<T>, Exception and the runtime handles.
// None is ever instantiated at run time (the subset has no GC allocation and no strings at run
// time, see README.md); they exist so that csc and ILC can type the program.
#pragma warning disable CS0169, CS0649, CS0660, CS0661

namespace System
{
    public class Object { }

    public abstract class ValueType { }

    public abstract class Enum : ValueType { }

    // csc needs String for the types of string constants (nameof, attribute arguments,
    // RuntimeFeature's constants). No string exists at run time.
    public sealed class String
    {
        private readonly int _length;
        private char _firstChar;
        private String() { }
        public int Length => _length;
    }

    public abstract class Array { }

    // ILC's name for the type of single-dimension, zero-based arrays (internal, as in .NET).
    internal class Array<T> : Array { }

    public abstract class Delegate { }

    public abstract class MulticastDelegate : Delegate { }

    public struct Nullable<T> where T : struct
    {
        private readonly bool hasValue;
        internal T value;
        public bool HasValue => hasValue;
    }

    // ILC requires the type; the subset throws nothing (ThrowHelpers.cs turns every would-be
    // exception into a fault, FaultRecovery.cs).
    public class Exception { }

    public struct RuntimeTypeHandle { private nint _value; }
    public struct RuntimeMethodHandle { private nint _value; }
    public struct RuntimeFieldHandle { private nint _value; }

    // The type of `typeof` and of UnmanagedCallersOnly's CallConvs; never used at run time.
    public abstract class Type { }
}
