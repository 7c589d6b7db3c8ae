import X509

/// swift-certificates' `Certificate`, named apart from the many other certificates in scope.
public typealias X509Certificate = X509.Certificate
