import MibaraiCore

extension WebForm {
    /// The six identity fields of a form (`name`, `kana`, `postal_code`, `address`, `phone`,
    /// `email`), with `prefix` for a second person on the same form (`ship_`).
    func identity(prefix: String = "") -> Identity {
        Identity(name: self[prefix + "name"], nameKana: self[prefix + "kana"], postalCode: self[prefix + "postal_code"],
                 address: self[prefix + "address"], phone: self[prefix + "phone"], email: self[prefix + "email"])
    }
}
