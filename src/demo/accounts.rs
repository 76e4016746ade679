//! One demo account per role, bound to the demo city's divisions and enterprises.
//! They share one documented password; the README says they are for trying the
//! platform only.

use super::DemoCity;
use crate::auth::{Department, Role};
use crate::storage::accounts::NewUser;

pub const DEMO_PASSWORD: &str = "Lantian-demo-2026";

/// The county the county-level accounts, the township and the grid inspector belong to.
pub const DEMO_COUNTY: &str = "612002";

pub fn accounts(city: &DemoCity) -> Vec<NewUser> {
    // The township and the two grid cells of the county with the most enterprises, so that
    // the township and grid accounts have something to look at.
    let count_in = |code: &str| city.bundles.iter().filter(|b| b.enterprise.division_code.starts_with(code)).count();
    let busiest = |level: &'static str, within: &str| {
        let mut codes: Vec<&str> =
            city.divisions.iter().filter(|d| d.level == level && d.code.starts_with(within)).map(|d| d.code.as_str()).collect();
        codes.sort_by_key(|c| std::cmp::Reverse(count_in(c)));
        codes.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let township = busiest("township", DEMO_COUNTY).into_iter().next().unwrap_or_else(|| DEMO_COUNTY.into());
    let cells: Vec<String> = busiest("grid", &township).into_iter().take(2).collect();
    // The enterprise account: the first enterprise of the county with an outlet that has an online
    // monitoring logger (operating, above designated size: see `simulate::devices::demo_records`)
    // and a pollutant with a limit, so that it sees its own monitoring data judged against its
    // permit; failing that, any with an outlet.
    let in_county_with_outlet = |b: &&crate::ledger::model::EnterpriseBundle| b.enterprise.division_code.starts_with(DEMO_COUNTY) && !b.outlets.is_empty();
    let enterprise = city
        .bundles
        .iter()
        .filter(in_county_with_outlet)
        .find(|b| {
            b.enterprise.above_scale
                && b.enterprise.status == "operating"
                && b.outlets.iter().any(|o| o.pollutants.iter().any(|p| p.limit_value.is_some()))
        })
        .or_else(|| city.bundles.iter().find(in_county_with_outlet))
        .or(city.bundles.first())
        .map(|b| b.enterprise.credit_code.clone())
        .unwrap_or_default();
    let user = |username: &str, display_name: &str, role, department, divisions: Vec<String>, enterprise_code: &str| NewUser {
        username: username.into(),
        display_name: display_name.into(),
        role,
        department,
        divisions,
        enterprise_code: enterprise_code.into(),
        password: DEMO_PASSWORD.into(),
    };
    let city_code = || vec![super::CITY_CODE.to_string()];
    let county = || vec![DEMO_COUNTY.to_string()];
    let mut list = vec![
        user("admin", "系统管理员", Role::Admin, None, vec![], ""),
        user("city-industry", "市工信局 王明", Role::Bureau, Some(Department::Industry), city_code(), ""),
        user("city-environment", "市生态环境局 李华", Role::Bureau, Some(Department::Environment), city_code(), ""),
        user("city-development", "市发改委 赵强", Role::Bureau, Some(Department::Development), city_code(), ""),
        user("county-market", "区市场监管局 陈静", Role::Bureau, Some(Department::Market), county(), ""),
        user("county-emergency", "区应急管理局 刘洋", Role::Bureau, Some(Department::Emergency), county(), ""),
        user("township", "街道办 孙丽", Role::Township, None, vec![township], ""),
        user("grid", "网格员 周杰", Role::Grid, None, cells, ""),
    ];
    if !enterprise.is_empty() {
        list.push(user("enterprise", "企业环保专员", Role::Enterprise, None, vec![], &enterprise));
    }
    list
}
