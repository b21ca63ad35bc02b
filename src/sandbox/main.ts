// The `kube-sandbox` executable: a Kubernetes API server emulator on loopback (see src/sandbox/).
process.stderr.write('Error: the sandbox cluster is not built yet in this version of wheelhouse\n')
process.exitCode = 1
