import MibaraiCore

extension MembershipError: LocalizedFailure {}
