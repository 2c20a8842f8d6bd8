// The system library's public surface is .NET's (src/LibvirtNss.System/README.md, rules):
// every public type and member of the zero-runtime assembly outside LibvirtNss.ZeroRuntime must
// exist, public, with the same signature, in the .NET this tool runs on. Built and run by
// run-zr-smoke.sh against the smoke library's assembly (build/zr-smoke/obj/libzr_smoke.dll).
// Prints one line per difference; the exit status is their number.

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

internal static class ApiSurface
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static int Main(string[] args)
    {
        using var stream = File.OpenRead(args[0]);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        var provider = new Signatures(md);
        int differences = 0, types = 0, members = 0;

        foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            if (!IsPublic(md, type))
                continue;
            string name = FullName(md, type);
            if (name.StartsWith("LibvirtNss.ZeroRuntime.", StringComparison.Ordinal))
                continue;
            types++;
            Type? real = Find(name);
            if (real == null || !(real.IsPublic || real.IsNestedPublic))
            {
                Console.WriteLine($"type not public in .NET: {name}");
                differences++;
                continue;
            }

            foreach (FieldDefinitionHandle f in type.GetFields())
            {
                FieldDefinition field = md.GetFieldDefinition(f);
                if ((field.Attributes & System.Reflection.FieldAttributes.FieldAccessMask) != System.Reflection.FieldAttributes.Public ||
                    (field.Attributes & System.Reflection.FieldAttributes.RTSpecialName) != 0)
                    continue;
                members++;
                string fieldName = md.GetString(field.Name);
                string mine = field.DecodeSignature(provider, null);
                FieldInfo? theirs = real.GetField(fieldName, Declared);
                if (theirs == null || Format(theirs.FieldType) != mine)
                {
                    Console.WriteLine($"field: {name}.{fieldName} : {mine}" + (theirs == null ? " (none in .NET)" : $" (.NET: {Format(theirs.FieldType)})"));
                    differences++;
                }
            }

            foreach (MethodDefinitionHandle m in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(m);
                if ((method.Attributes & System.Reflection.MethodAttributes.MemberAccessMask) != System.Reflection.MethodAttributes.Public)
                    continue;
                members++;
                string methodName = md.GetString(method.Name);
                MethodSignature<string> sig = method.DecodeSignature(provider, null);
                string mine = $"{sig.ReturnType} {methodName}`{sig.GenericParameterCount}({string.Join(", ", sig.ParameterTypes)})";
                IEnumerable<MethodBase> candidates = methodName == ".ctor"
                    ? real.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
                    : real.GetMethods(Declared).Where(x => x.Name == methodName);
                // MemoryExtensions' byte overloads stand for .NET's generic methods at T = byte.
                if (!candidates.Any(c => Describe(c) == mine || (sig.GenericParameterCount == 0 && ByteInstance(c) == mine)))
                {
                    Console.WriteLine($"method: {name}::{mine}");
                    foreach (MethodBase c in candidates)
                        Console.WriteLine($"    .NET has: {Describe(c)}");
                    differences++;
                }
            }
        }
        Console.WriteLine($"# {types} public types, {members} public members compared, {differences} differences");
        return differences;
    }

    private static bool IsPublic(MetadataReader md, TypeDefinition type)
    {
        System.Reflection.TypeAttributes visibility = type.Attributes & System.Reflection.TypeAttributes.VisibilityMask;
        if (visibility == System.Reflection.TypeAttributes.Public)
            return true;
        return visibility == System.Reflection.TypeAttributes.NestedPublic &&
               IsPublic(md, md.GetTypeDefinition(type.GetDeclaringType()));
    }

    private static string FullName(MetadataReader md, TypeDefinition type)
    {
        if (type.IsNested)
            return FullName(md, md.GetTypeDefinition(type.GetDeclaringType())) + "+" + md.GetString(type.Name);
        string ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? md.GetString(type.Name) : ns + "." + md.GetString(type.Name);
    }

    private static Type? Find(string name)
    {
        foreach (string assembly in new[] { "System.Private.CoreLib", "System.Runtime", "System.Memory",
                                            "System.Runtime.InteropServices", "System.Threading" })
        {
            Type? t = Type.GetType(name + ", " + assembly);
            if (t != null)
                return t;
        }
        return null;
    }

    private static string Describe(MethodBase m)
    {
        string ret = m is MethodInfo mi ? Format(mi.ReturnType) : "System.Void";
        int generics = m.IsGenericMethodDefinition ? m.GetGenericArguments().Length : 0;
        string name = m is ConstructorInfo ? ".ctor" : m.Name;
        return $"{ret} {name}`{generics}({string.Join(", ", m.GetParameters().Select(p => Format(p.ParameterType)))})";
    }

    private static string? ByteInstance(MethodBase m) =>
        m is MethodInfo { IsGenericMethodDefinition: true } mi && mi.GetGenericArguments().Length == 1 &&
        mi.GetGenericArguments()[0].GetGenericParameterConstraints().Length <= 1
            ? Describe(mi).Replace("!!0", "System.Byte").Replace(" " + mi.Name + "`1(", " " + mi.Name + "`0(")
            : null;

    // One notation for both sides: !n and !!n for type and method generic parameters.
    private static string Format(Type t)
    {
        if (t.IsGenericParameter)
            return (t.DeclaringMethod != null ? "!!" : "!") + t.GenericParameterPosition;
        if (t.IsByRef)
            return Format(t.GetElementType()!) + "&";
        if (t.IsPointer)
            return Format(t.GetElementType()!) + "*";
        if (t.IsFunctionPointer)
            return "method " + Format(t.GetFunctionPointerReturnType()) + "(" +
                   string.Join(", ", t.GetFunctionPointerParameterTypes().Select(Format)) + ")";
        if (t.IsArray)
            return Format(t.GetElementType()!) + "[]";
        if (t.IsGenericType) // also the open type, as a member of its own definition sees it
            return t.GetGenericTypeDefinition().FullName + "<" + string.Join(", ", t.GetGenericArguments().Select(Format)) + ">";
        return t.FullName ?? t.Name;
    }

    private sealed class Signatures : ISignatureTypeProvider<string, object?>
    {
        private readonly MetadataReader _md;
        public Signatures(MetadataReader md) { _md = md; }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Void => "System.Void",
            PrimitiveTypeCode.Boolean => "System.Boolean",
            PrimitiveTypeCode.Char => "System.Char",
            PrimitiveTypeCode.SByte => "System.SByte",
            PrimitiveTypeCode.Byte => "System.Byte",
            PrimitiveTypeCode.Int16 => "System.Int16",
            PrimitiveTypeCode.UInt16 => "System.UInt16",
            PrimitiveTypeCode.Int32 => "System.Int32",
            PrimitiveTypeCode.UInt32 => "System.UInt32",
            PrimitiveTypeCode.Int64 => "System.Int64",
            PrimitiveTypeCode.UInt64 => "System.UInt64",
            PrimitiveTypeCode.Single => "System.Single",
            PrimitiveTypeCode.Double => "System.Double",
            PrimitiveTypeCode.IntPtr => "System.IntPtr",
            PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
            PrimitiveTypeCode.String => "System.String",
            PrimitiveTypeCode.Object => "System.Object",
            PrimitiveTypeCode.TypedReference => "System.TypedReference",
            _ => typeCode.ToString(),
        };

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            FullName(reader, reader.GetTypeDefinition(handle));

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference r = reader.GetTypeReference(handle);
            string ns = reader.GetString(r.Namespace);
            return ns.Length == 0 ? reader.GetString(r.Name) : ns + "." + reader.GetString(r.Name);
        }

        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);

        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
            genericType + "<" + string.Join(", ", typeArguments) + ">";
        public string GetGenericTypeParameter(object? context, int index) => "!" + index;
        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
        public string GetFunctionPointerType(MethodSignature<string> signature) =>
            "method " + signature.ReturnType + "(" + string.Join(", ", signature.ParameterTypes) + ")";
    }
}
