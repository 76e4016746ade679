#!/usr/bin/env python3
"""Writes data/demo/synergy-values.csv: the demo city's entered synergy indicators (fictional).

Each district gets a profile (urban core, industrial district, rural county) and a yearly trend;
the values are plausible orders of magnitude for a Guanzhong-plain city in the 2020s (recalled,
not statistics: UNVERIFIED), chosen so that districts differ and improve over the years. Run it
again after changing a profile; the output is deterministic.
"""
import csv, os

YEARS = [2023, 2024, 2025]
# code, name, profile
DISTRICTS = [
    ("612002", "青城区", "core"), ("612003", "岚山区", "industrial"), ("612004", "东川区", "mixed"),
    ("612021", "石门县", "industrial_county"), ("612022", "柳溪县", "rural"), ("612023", "云台县", "mountain"),
]
# indicator -> profile -> (2023 value, change per year), with the reasoning written into each row.
BASE = {
    "pm25": ({"core": (46, -2.5), "industrial": (52, -3.0), "mixed": (48, -2.0), "industrial_county": (50, -1.5), "rural": (43, -1.5), "mountain": (36, -1.0)},
             "示范数据:关中平原城市PM2.5年均值约35–55 μg/m³(回忆量级,未核实);工业区高、山区低,逐年下降"),
    "good_days": ({"core": (64, 2.0), "industrial": (58, 2.5), "mixed": (62, 1.5), "industrial_county": (60, 1.0), "rural": (67, 1.0), "mountain": (76, 0.5)},
                  "示范数据:优良天数比例约55–80%(回忆量级,未核实),与PM2.5反向"),
    "water_good": ({"core": (80, 5.0), "industrial": (67, 8.0), "mixed": (75, 4.0), "industrial_county": (60, 7.0), "rural": (83, 2.0), "mountain": (100, 0.0)},
                   "示范数据:国省控断面Ⅰ–Ⅲ类比例;断面数少,取值呈台阶"),
    "co2_intensity": ({"core": (0.42, -0.02), "industrial": (1.65, -0.08), "mixed": (0.95, -0.04), "industrial_county": (1.40, -0.05), "rural": (0.78, -0.02), "mountain": (0.55, -0.01)},
                      "示范数据:单位GDP二氧化碳排放,全国约1 t/万元量级(回忆,未核实);城区服务业为主偏低,工业区偏高"),
    "non_fossil_share": ({"core": (19, 1.2), "industrial": (11, 1.5), "mixed": (15, 1.0), "industrial_county": (12, 0.8), "rural": (21, 1.0), "mountain": (26, 1.5)},
                         "示范数据:非化石能源占比,方案目标全市22%以上;山区县水电光伏多"),
    "co_reduction_ratio": ({"core": (1.10, 0.05), "industrial": (0.70, 0.12), "mixed": (0.90, 0.05), "industrial_county": (0.60, 0.10), "rural": (1.00, 0.02), "mountain": (0.95, 0.0)},
                           "示范数据:大气污染物与CO2同比降幅之比,约0.5–1.5"),
    "waterborne_coating": ({"core": (45, 25.0), "industrial": (30, 30.0), "mixed": (40, 25.0), "industrial_county": (20, 25.0), "rural": (35, 20.0), "mountain": (50, 20.0)},
                           "示范数据:汽修企业面漆水性漆替代完成率,方案要求2025年全部替代"),
    # Computed by the platform where it has the data; the demo's monitoring history is one month
    # and its exit cases start in 2026, so these years are entered.
    "air_intensity": ({"core": (0.9, -0.08), "industrial": (4.8, -0.5), "mixed": (2.2, -0.2), "industrial_county": (3.9, -0.3), "rural": (1.6, -0.1), "mountain": (1.1, -0.05)},
                      "示范数据:在线监测SO2+NOx+颗粒物÷工业增加值(吨/亿元);示范城市只有一个月的监测历史,全年量无法由平台计算,故填报"),
    "backward_exits": ({"core": (1, 0), "industrial": (5, -1), "mixed": (3, 0), "industrial_county": (4, 1), "rural": (1, 0), "mountain": (0, 1)},
                       "示范数据:落后产能退出个数;示范城市的退出案件始于2026年,此前年份填报"),
}

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "synergy-values.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["区县代码", "年份", "指标代码", "数值", "来源说明"])
        for code, _, profile in DISTRICTS:
            for i, year in enumerate(YEARS):
                for ind, (profiles, reason) in BASE.items():
                    start, step = profiles[profile]
                    v = start + step * i
                    v = max(v, 0)
                    if ind in ("water_good", "waterborne_coating", "good_days"):
                        v = min(v, 100)
                    w.writerow([code, year, ind, round(v, 3), reason])

if __name__ == "__main__":
    main()
