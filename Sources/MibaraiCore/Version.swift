public enum MibaraiCoreVersion { public static let protocolVersion = 1 }
