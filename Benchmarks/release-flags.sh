# The release binary's build flags, shared by `make release` and the benchmarks (sourced):
# Swift's libraries linked in (nothing to load and bind at start), and every module, the
# dependencies too, reaching concrete generic types' metadata through their accessors instead
# of demangling the type's name at its first use (each demangling checks the type's generic
# requirements, and a requirement met for the first time scans all ~9,000 protocol
# conformance records in the binary: ~4 % of `check`'s instructions on nova). APIRefKit and the
# executable set the second flag themselves (Package.swift); here it reaches ArgumentParser,
# Yams and the rest.
metadata_flags=(-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors)
release_flags=(--static-swift-stdlib "${metadata_flags[@]}")
