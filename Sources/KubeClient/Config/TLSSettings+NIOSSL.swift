import NIOSSL

extension TLSSettings {
    /// The NIOSSL client configuration: the cluster CA as the only trust root when one
    /// is configured (a cluster CA is private, system roots must not vouch for the API
    /// server), the client certificate chain and key when the user has them.
    ///
    /// `verifyHostname: false` keeps the chain check against the CA but skips the name
    /// check: needed where the name to check cannot be given to NIOSSL (AsyncHTTPClient
    /// with `tls-server-name`, WSClient with an IP-literal server).
    func makeTLSConfiguration(verifyHostname: Bool) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = certificateAuthorityPEM {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
        }
        if insecureSkipVerify {
            tls.certificateVerification = .none
        } else if !verifyHostname {
            tls.certificateVerification = .noHostnameVerification
        }
        if let certificate = clientCertificatePEM, let key = clientKeyPEM {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
        }
        return tls
    }
}
