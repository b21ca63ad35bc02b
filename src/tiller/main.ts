// The `tiller` executable. The server itself arrives with the gRPC work (see src/tiller/).
const args = process.argv.slice(2)
if (args.includes('--version')) {
  process.stdout.write('v2.17.0\n')
} else {
  process.stderr.write('Error: the tiller server is not built yet in this version of wheelhouse\n')
  process.exitCode = 1
}
