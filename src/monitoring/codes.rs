//! HJ 212-2017 codes the analytics needs by meaning (HJ 212-2017 表 B.1/B.2, see
//! data/hj212/pollutant_codes.csv).

/// 氧气含量 (%), a19001.
pub const OXYGEN: &str = "a19001";
/// 废气 flow, a00000 (m³/s as sent; hourly Cou m³).
pub const FLUE_GAS_FLOW: &str = "a00000";
/// 污水 flow, w00000 (L/s).
pub const WATER_FLOW: &str = "w00000";
/// 烟气温度 (℃), a01012.
pub const FLUE_GAS_TEMPERATURE: &str = "a01012";

/// Flue-gas parameters that describe the gas, not a pollutant: never converted to reference
/// oxygen, never an emission amount (HJ 212-2017 表 B.2 S01–S08: O2, velocity, temperature,
/// pressure, humidity, and the flow itself).
pub const FLUE_GAS_PARAMETERS: &[&str] = &[OXYGEN, FLUE_GAS_FLOW, "a01011", FLUE_GAS_TEMPERATURE, "a01013", "a01014", "a01017"];

/// Whether a code is a flue-gas parameter or the water flow (i.e. not a pollutant).
pub fn is_parameter(code: &str) -> bool {
    FLUE_GAS_PARAMETERS.contains(&code) || code == WATER_FLOW || code == "w01001" /* pH */ || code == "w01010" /* 水温 */
}
