pub fn App(){}
