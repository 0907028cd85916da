CREATE SCHEMA budget;
SELECT count(*) FROM ptarget_import(convert_to($csv$项目支出绩效自评表
（2025年度）
项目名称,2025年高素质农民培育项目,,,,,,,
主管部门,县农业农村局,,,,实施单位,县农业技术推广中心,,
绩效指标,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施
,产出指标(50分),数量指标,培训农民人数,≥4700人,4520人,20,20,部分学员农忙未能参训
,,质量指标,培训合格率,≥95%,97.5%,10,10,
,,时效指标,培训完成时间,2025年11月30日之前,2025年11月20日,10,10,
,,成本指标,人均培训成本,≤3000元/人,2890元/人,10,10,
,效益指标(30分),经济效益指标,学员人均增收,≥2000元/人,2150元/人,15,15,
,,社会效益指标,示范带动作用,明显,部分达成年度指标并具有一定效果,15,11,示范基地建设滞后
,满意度指标(10分),服务对象满意度指标,参训农民满意度,≥90%,93%,10,10,
,预算执行率(10分),预算执行率,预算执行率,100%,92.35%,10,9.24,
$csv$, 'UTF8'), '高素质农民培育_自评表.csv', 'budget');
SELECT count(*) FROM ptarget_import(convert_to($csv$项目支出绩效自评表
（2025年度）
项目名称,农村困难群众冬季取暖补助,,,,,,,
主管部门,县民政局,,,,实施单位,县社会救助服务中心,,
绩效指标,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施
,产出指标(50分),数量指标,补助户数,≥1200户,1260户,20,20,
,,成本指标,户均补助标准,≤5600元/户,6100元/户,20,20,燃料价格上涨
,,时效指标,资金发放时间,2025年12月31日之前,2026年1月10日,10,10,
,效益指标(30分),社会效益指标,困难群众温暖过冬,有效保障,达成年度指标,30,30,
,满意度指标(10分),服务对象满意度指标,受益群众满意度,≥95%,96.2%,10,10,
,预算执行率(10分),预算执行率,预算执行率,100%,100%,10,10,
$csv$, 'UTF8'), '取暖补助_自评表.csv', 'budget');
SELECT project, level3, target, actual, weight AS w, completion, score, recorded_score AS recorded, disagrees
FROM ptarget_indicator_scores('budget');
SELECT project, total, grade, recorded_total, disagreeing_indicators FROM ptarget_project_scores('budget');
SELECT level3, recorded_score AS recorded, score, reason FROM ptarget_indicator_scores('budget') WHERE disagrees;
