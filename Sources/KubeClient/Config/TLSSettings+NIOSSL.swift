import NIOSSL

extension TLSSettings {
    /// The NIOSSL client configuration: the cluster CA as the only trust root when one
    /// is configured (a cluster CA is private, system roots must not vouch for the API
    /// server), the client certificate chain and key when the user has them.
    ///
    /// With `tls-server-name`, AsyncHTTPClient cannot send a different SNI name, so
    /// the chain is still verified against the cluster CA but the host name check is
    /// left to the WebSocket path (which does honour the name); see `verifyHostname`.
    func makeTLSConfiguration(verifyHostname: Bool = true) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = certificateAuthorityPEM {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
        }
        if insecureSkipVerify {
            tls.certificateVerification = .none
        } else if !verifyHostname || serverName != nil {
            tls.certificateVerification = .noHostnameVerification
        }
        if let certificate = clientCertificatePEM, let key = clientKeyPEM {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
        }
        return tls
    }
}
