<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdvancedToggle</name>
    <message>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
</context>
<context>
    <name>BudgetBox</name>
    <message>
        <source>How long may it take?</source>
        <translation>训练可以用多长时间？</translation>
    </message>
    <message>
        <source>About a minute</source>
        <translation>大约一分钟</translation>
    </message>
    <message>
        <source>About ten minutes</source>
        <translation>大约十分钟</translation>
    </message>
    <message>
        <source>About an hour</source>
        <translation>大约一小时</translation>
    </message>
    <message>
        <source>Until I stop it</source>
        <translation>直到我停止</translation>
    </message>
    <message>
        <source>I&apos;ll choose the network and settings myself</source>
        <translation>我自己选择网络和设置</translation>
    </message>
    <message>
        <source>Choose the network and how to train below.</source>
        <translation>请在下面选择网络和训练方式。</translation>
    </message>
    <message>
        <source>The network and how to train are picked for your folder once you choose it.</source>
        <translation>选好文件夹后，会为它挑选网络和训练方式。</translation>
    </message>
</context>
<context>
    <name>CamPanel</name>
    <message>
        <source>Show the heat map on the picture</source>
        <translation>在图片上显示热力图</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>不透明度：</translation>
    </message>
    <message>
        <source>Grad-CAM colours the parts of the picture that raise the chosen class&apos;s score (bright = strong). The dashed square is what the network sees.</source>
        <translation>Grad-CAM 为图片中提高所选类别得分的部分着色（越亮越强）。虚线方框是网络看到的区域。</translation>
    </message>
    <message>
        <source>no part</source>
        <translation>不相关</translation>
    </message>
    <message>
        <source>decided the answer</source>
        <translation>决定了答案</translation>
    </message>
    <message>
        <source>The predicted class</source>
        <translation>预测的类别</translation>
    </message>
    <message>
        <source>Worked out from the network&apos;s last map of the picture, the last layer that still knows where each part is ({net}: {layer}).</source>
        <translation>根据网络对图片的最后一张特征图计算：这是仍然知道各部分位置的最后一层（{net}：{layer}）。</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check the pictures</source>
        <translation>检查图片</translation>
    </message>
    <message>
        <source>The check looks for pictures filed under the wrong class, near-copies and classes that look alike. It takes about a second per 10 pictures.</source>
        <translation>检查会找出放错类别的图片、近似重复的图片以及看起来相像的类别。每 10 张图片大约需要 1 秒。</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Undo the last move</source>
        <translation>撤销上次移动</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{n} pictures checked in {s:.0f} s.</source>
        <translation>已检查 {n} 张图片，用时 {s:.0f} 秒。</translation>
    </message>
    <message numerus="yes">
        <source>Near-copies: the same picture resized, re-saved or cropped (%n)</source>
        <translation>
            <numerusform>近似重复：同一张图片经过缩放、重新保存或裁剪（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Overlapping views of one scene, kept on one side of the validation split (%n)</source>
        <translation>
            <numerusform>同一场景的重叠视图，划分验证集时放在同一侧（%n）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Classes that look alike (%n)</source>
        <translation>
            <numerusform>看起来相像的类别（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>{share:.0%} of their pictures taken for each other</source>
        <translation>{share:.0%} 的图片被互相认错</translation>
    </message>
    <message>
        <source>Nothing to worry about was found.</source>
        <translation>没有发现需要担心的问题。</translation>
    </message>
    <message>
        <source>Look at the pictures below; move one with a click if it is filed wrongly.</source>
        <translation>请查看下面的图片；如果某张放错了类别，点一下即可移动。</translation>
    </message>
    <message numerus="yes">
        <source>Probably filed under the wrong class, most suspicious first (%n)</source>
        <translation>
            <numerusform>可能放错了类别，最可疑的排在前面（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>filed under {label}, looks like {suggested} ({p:.0%})</source>
        <translation>放在 {label} 中，看起来像 {suggested}（{p:.0%}）</translation>
    </message>
    <message>
        <source>Move to {name}</source>
        <translation>移到 {name}</translation>
    </message>
    <message>
        <source>{similarity:.0%} like {other}</source>
        <translation>与 {other} 相似 {similarity:.0%}</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>已移动</translation>
    </message>
</context>
<context>
    <name>ClassifyPage</name>
    <message>
        <source>&lt;h2&gt;4 · Classify&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;4 · 分类&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Drop images or folders anywhere on this window, or:</source>
        <translation>把图片或文件夹拖到窗口的任意位置，或者：</translation>
    </message>
    <message>
        <source>Open images…</source>
        <translation>打开图片…</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Drop images here</source>
        <translation>把图片拖到这里</translation>
    </message>
    <message>
        <source>Look inside…</source>
        <translation>查看内部…</translation>
    </message>
    <message>
        <source>Show this image in the Live view: SE gates, feature maps and Grad-CAM</source>
        <translation>在“实时”页中查看这张图片：SE 门控值、特征图和 Grad-CAM</translation>
    </message>
    <message>
        <source>Open images</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <source>Images ({p})</source>
        <translation>图片（{p}）</translation>
    </message>
    <message>
        <source>Classify every image in a folder</source>
        <translation>对文件夹中的每张图片分类</translation>
    </message>
    <message>
        <source>The clipboard holds no image or image file.</source>
        <translation>剪贴板中没有图片或图片文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) are not images and were left out.</source>
        <translation>
            <numerusform>%n 个文件不是图片，已略过。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be read; each says why in the list.</source>
        <translation>
            <numerusform>%n 张图片无法读取；列表中写明了各自的原因。</numerusform>
        </translation>
    </message>
    <message>
        <source>No images found there.</source>
        <translation>那里没有找到图片。</translation>
    </message>
    <message>
        <source>Wrong? Choose the right class</source>
        <translation>错了？选择正确的类别</translation>
    </message>
    <message>
        <source>Stopped; the images done so far are listed.</source>
        <translation>已停止；列表中是目前已完成的图片。</translation>
    </message>
    <message>
        <source>None of these — closest: {cls}</source>
        <translation>都不是 — 最接近：{cls}</translation>
    </message>
    <message>
        <source>&lt;b&gt;None of these&lt;/b&gt; — closest: {label} ({p:.1f} %) — {file}</source>
        <translation>&lt;b&gt;都不是&lt;/b&gt; — 最接近：{label}（{p:.1f} %）— {file}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt; ({p:.1f} %) — {file}</source>
        <translation>&lt;b&gt;{label}&lt;/b&gt;（{p:.1f} %）— {file}</translation>
    </message>
    <message>
        <source>The folder this model was trained on cannot be found; open it on the Data page first.</source>
        <translation>找不到训练此模型所用的文件夹；请先在“数据”页打开它。</translation>
    </message>
    <message>
        <source>Could not add the image: {reason}</source>
        <translation>无法添加这张图片：{reason}</translation>
    </message>
    <message>
        <source>Added to “{cls}” as {file}. Train again to teach the model.</source>
        <translation>已作为 {file} 添加到“{cls}”。再训练一次即可让模型学会。</translation>
    </message>
    <message>
        <source>added to {cls}</source>
        <translation>已添加到 {cls}</translation>
    </message>
    <message>
        <source>Export predictions</source>
        <translation>导出预测结果</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Saved {n} predictions to {path}.</source>
        <translation>已将 {n} 条预测结果保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>True: {t}
Predicted: {p}
Images: {n}</source>
        <translation>真实：{t}
预测：{p}
图片数：{n}</translation>
    </message>
    <message>
        <source>No evaluation yet</source>
        <translation>尚未评估</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <source>&lt;h2&gt;1 · Your images&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;1 · 你的图片&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Choose a folder that has one sub-folder per class, for example &lt;i&gt;rocks/Chert&lt;/i&gt;, &lt;i&gt;rocks/Bauxite&lt;/i&gt;, … You can also drop the folder on this window.</source>
        <translation>选择一个每个类别各占一个子文件夹的文件夹，例如 &lt;i&gt;rocks/Chert&lt;/i&gt;、&lt;i&gt;rocks/Bauxite&lt;/i&gt;…… 也可以把文件夹拖到这个窗口上。</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <source>Sort new pictures…</source>
        <translation>整理新图片…</translation>
    </message>
    <message>
        <source>Let a model sort a folder of unlabelled pictures into these classes; you check and correct them first</source>
        <translation>让模型把一个未标注图片的文件夹分到这些类别中；您先检查并更正</translation>
    </message>
    <message>
        <source>Check the pictures…</source>
        <translation>检查图片…</translation>
    </message>
    <message>
        <source>Find pictures filed under the wrong class, near-copies and classes that look alike</source>
        <translation>找出放错类别的图片、近似重复的图片以及看起来相像的类别</translation>
    </message>
    <message>
        <source>No folder chosen yet.</source>
        <translation>尚未选择文件夹。</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片数</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Choose the image folder</source>
        <translation>选择图片文件夹</translation>
    </message>
    <message>
        <source>Scanning {folder}…</source>
        <translation>正在扫描 {folder}…</translation>
    </message>
    <message>
        <source>This folder cannot be used.</source>
        <translation>这个文件夹无法使用。</translation>
    </message>
    <message>
        <source>{n} classes · {m} images · {root}</source>
        <translation>{n} 个类别 · {m} 张图片 · {root}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Next: train a model&lt;/b&gt; on these %n picture(s). A quick training takes seconds to a few minutes.</source>
        <translation>
            <numerusform>&lt;b&gt;下一步：训练模型&lt;/b&gt;，用这 %n 张图片。快速训练只需几秒到几分钟。</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to Train</source>
        <translation>前往训练</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) cannot be used and will be skipped; the list below says why.</source>
        <translation>
            <numerusform>%n 个文件无法使用，将被跳过；下面的列表写明了原因。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The folder can be used. %n thing(s) to know are listed below.</source>
        <translation>
            <numerusform>这个文件夹可以使用。下面列出了 %n 条需要注意的事项。</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder looks good: every image can be read.</source>
        <translation>这个文件夹看起来没问题：每张图片都能读取。</translation>
    </message>
</context>
<context>
    <name>DownloadDialog</name>
    <message>
        <source>Downloading {label}</source>
        <translation>正在下载 {label}</translation>
    </message>
    <message>
        <source>{label} needs its ImageNet weights ({mb:.0f} MB). They are downloaded once from {url} and kept for next time.</source>
        <translation>{label} 需要它的 ImageNet 权重（{mb:.0f} MB）。权重只需从 {url} 下载一次，之后会保留下来。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Import a weights file…</source>
        <translation>导入权重文件…</translation>
    </message>
    <message>
        <source>Use {label} instead</source>
        <translation>改用 {label}</translation>
    </message>
    <message>
        <source>The download failed.</source>
        <translation>下载失败。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Import {label} weights</source>
        <translation>导入 {label} 权重</translation>
    </message>
    <message>
        <source>PyTorch weights (*.pth *.pt)</source>
        <translation>PyTorch 权重 (*.pth *.pt)</translation>
    </message>
    <message>
        <source>Checking {name}…</source>
        <translation>正在检查 {name}…</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分</translation>
    </message>
</context>
<context>
    <name>EvaluatePage</name>
    <message>
        <source>&lt;h2&gt;3 · Evaluate&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;3 · 评估&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Check on a labelled folder…</source>
        <translation>在有标注的文件夹上检验…</translation>
    </message>
    <message>
        <source>Check on the Data page&apos;s folder</source>
        <translation>在“数据”页的文件夹上检验</translation>
    </message>
    <message>
        <source>Images the model was trained on score higher than new ones.</source>
        <translation>模型在训练用过的图片上得分会比在新图片上高。</translation>
    </message>
    <message>
        <source>For the pictures the model was this sure of, how often it was right. Bars that reach the dashed line mean its percentages can be trusted.</source>
        <translation>模型有这么大把握的图片中，它答对的比例。柱子达到虚线，说明它给出的百分比可以相信。</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片数</translation>
    </message>
    <message>
        <source>Precision: of the images called this class, the share that really are.
Recall: of the images of this class, the share found.</source>
        <translation>精确率：被判为该类别的图片中，确实属于该类别的比例。
召回率：该类别的图片中，被找出来的比例。</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>点击矩阵中的格子，查看其中的图片。</translation>
    </message>
    <message>
        <source>Look inside…</source>
        <translation>查看内部…</translation>
    </message>
    <message>
        <source>Show the chosen image in the Live view: SE gates, feature maps and Grad-CAM (also a double-click)</source>
        <translation>在“实时”页中查看所选图片：SE 门控值、特征图和 Grad-CAM（也可双击）</translation>
    </message>
    <message>
        <source>The ImageNet model knows 1000 everyday classes; train a model on your images to evaluate it here.</source>
        <translation>ImageNet 模型认识 1000 种日常类别；在你的图片上训练一个模型后，就可以在这里评估它。</translation>
    </message>
    <message>
        <source>validation images kept aside during training</source>
        <translation>训练时留出的验证图片</translation>
    </message>
    <message>
        <source>This model was trained on every image (no validation images). Check it on a labelled folder of new images.</source>
        <translation>此模型用全部图片训练（没有验证图片）。请在一个有标注的新图片文件夹上检验它。</translation>
    </message>
    <message>
        <source>calibration error {ece:.1f} %</source>
        <translation>校准误差 {ece:.1f} %</translation>
    </message>
    <message numerus="yes">
        <source>%n answered “None of these”</source>
        <translation>
            <numerusform>%n 张回答“都不是”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) answered “None of these”: unlike the training pictures. Accuracy still counts each by its closest class.</source>
        <translation>
            <numerusform>%n 张图片回答“都不是”：与训练图片不像。准确率仍按各自最接近的类别计算。</numerusform>
        </translation>
    </message>
    <message>
        <source>really {t}</source>
        <translation>实为 {t}</translation>
    </message>
    <message>
        <source>None of these — closest: {cls}</source>
        <translation>都不是 — 最接近：{cls}</translation>
    </message>
    <message numerus="yes">
        <source>%n {t} image(s) recognised correctly. The model file lists only the mistakes; check on a folder to see every image.</source>
        <translation>
            <numerusform>%n 张 {t} 图片识别正确。模型文件只记录了识别错误的图片；在文件夹上检验即可看到每张图片。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n {t} image(s) recognised correctly.</source>
        <translation>
            <numerusform>%n 张 {t} 图片识别正确。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n {t} image(s) taken for {p}.</source>
        <translation>
            <numerusform>%n 张 {t} 图片被误认为 {p}。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n 个文件无法读取，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a labelled folder</source>
        <translation>选择有标注的文件夹</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Accuracy {acc:.1f} %&lt;/h3&gt;{n} images ({source}) · balanced accuracy {balanced:.1f} % · average F1 {f1:.2f}</source>
        <translation>&lt;h3&gt;准确率 {acc:.1f} %&lt;/h3&gt;{n} 张图片（{source}）· 类别平衡准确率 {balanced:.1f} % · 平均 F1 {f1:.2f}</translation>
    </message>
    <message>
        <source>Choose a trained model in the library first.</source>
        <translation>请先在模型库中选择一个训练好的模型。</translation>
    </message>
    <message>
        <source>Checking {model} on {folder}…</source>
        <translation>正在 {folder} 上检验 {model}…</translation>
    </message>
    <message>
        <source>folder {name}</source>
        <translation>文件夹 {name}</translation>
    </message>
</context>
<context>
    <name>FeaturePanel</name>
    <message>
        <source> maps</source>
        <translation> 张图</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>阶段：</translation>
    </message>
    <message>
        <source>The most active channels of one stage, each scaled to its own range (bright = strong). Early stages respond to edges and colours, late ones to whole textures.</source>
        <translation>某一阶段中最活跃的通道，每张按各自的范围缩放（越亮越强）。早期阶段对边缘和颜色有反应，后期阶段对整体纹理有反应。</translation>
    </message>
    <message>
        <source>{label}: {n} of {total} channels, {w}×{h} each, most active first.</source>
        <translation>{label}：{total} 个通道中的 {n} 个，每个 {w}×{h}，最活跃的在前。</translation>
    </message>
</context>
<context>
    <name>HeatStrip</name>
    <message>
        <source>SE block</source>
        <translation>SE 模块</translation>
    </message>
    <message>
        <source>No values yet.</source>
        <translation>还没有数值。</translation>
    </message>
    <message>
        <source>{row} · channel {ch} · {value:.3f}</source>
        <translation>{row} · 通道 {ch} · {value:.3f}</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Export to ONNX…</source>
        <translation>导出为 ONNX…</translation>
    </message>
    <message>
        <source>Import a model file…</source>
        <translation>导入模型文件…</translation>
    </message>
    <message>
        <source> (stopped early)</source>
        <translation>（提前停止）</translation>
    </message>
    <message>
        <source>quick</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>full</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>Always available: the 1000 ImageNet classes.</source>
        <translation>始终可用：1000 个 ImageNet 类别。</translation>
    </message>
    <message>
        <source>Models are kept in {path}</source>
        <translation>模型保存在 {path}</translation>
    </message>
    <message>
        <source>Some files in the library are not usable models:
</source>
        <translation>模型库中有些文件不是可用的模型：
</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>重命名模型</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <source>Delete “{name}” for good? This cannot be undone.</source>
        <translation>要永久删除“{name}”吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Import a model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>EffNet Studio models (*.effnet);;All files (*)</source>
        <translation>EffNet Studio 模型 (*.effnet);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported “{name}”.</source>
        <translation>已导入“{name}”。</translation>
    </message>
    <message>
        <source>Export to ONNX</source>
        <translation>导出为 ONNX</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Exporting “{name}” to {path}…</source>
        <translation>正在将“{name}”导出到 {path}…</translation>
    </message>
    <message>
        <source>Exported to {path}; it gives the same answers as the model.</source>
        <translation>已导出到 {path}；它给出的结果与原模型相同。</translation>
    </message>
</context>
<context>
    <name>LivePage</name>
    <message>
        <source>&lt;h2&gt;5 · Live&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;5 · 实时&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Save the picture as it is now as a PNG in {folder}</source>
        <translation>把当前画面保存为 PNG，放在 {folder}</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>保存视图…</translation>
    </message>
    <message>
        <source>Save the picture with its overlays and the panel as one PNG</source>
        <translation>把画面连同叠加层和面板保存为一张 PNG</translation>
    </message>
    <message>
        <source>Open picture…</source>
        <translation>打开图片…</translation>
    </message>
    <message>
        <source> frames</source>
        <translation> 帧</translation>
    </message>
    <message>
        <source>The label is the average over this many frames, so it does not flicker</source>
        <translation>标签是这么多帧的平均结果，因此不会闪烁</translation>
    </message>
    <message>
        <source>Below this confidence the view says “Unsure”</source>
        <translation>置信度低于此值时，视图显示“不确定”</translation>
    </message>
    <message>
        <source>SE gates</source>
        <translation>SE 门控</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Smooth over</source>
        <translation>平滑帧数</translation>
    </message>
    <message>
        <source>Unsure below</source>
        <translation>不确定阈值</translation>
    </message>
    <message>
        <source>No camera found. Connect one and press “Find cameras”, or open a video file or a stream.</source>
        <translation>没有找到摄像头。请连接摄像头后点击“查找摄像头”，或者打开视频文件或视频流。</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>“{name}” is ready: press Start.</source>
        <translation>“{name}”已就绪：请按“开始”。</translation>
    </message>
    <message>
        <source>Choose a camera, a video file or a stream first.</source>
        <translation>请先选择摄像头、视频文件或视频流。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>{name}: {w} × {h}</source>
        <translation>{name}：{w} × {h}</translation>
    </message>
    <message>
        <source>The video ended</source>
        <translation>视频已播放完毕</translation>
    </message>
    <message>
        <source>Camera disconnected — reconnecting…</source>
        <translation>摄像头已断开 — 正在重新连接…</translation>
    </message>
    <message>
        <source>The camera stopped sending pictures. EffNet Studio keeps trying to connect again; check its cable or network, or press Stop.</source>
        <translation>摄像头不再发送画面。EffNet Studio 会不断尝试重新连接；请检查线缆或网络，或按“停止”。</translation>
    </message>
    <message>
        <source>The camera is back.</source>
        <translation>摄像头已恢复。</translation>
    </message>
    <message>
        <source>camera {cam:.0f} fps · inference {fps:.0f} fps · latency {ms:.0f} ms</source>
        <translation>摄像头 {cam:.0f} fps · 推理 {fps:.0f} fps · 延迟 {ms:.0f} ms</translation>
    </message>
    <message>
        <source>Grad-CAM: {name}</source>
        <translation>Grad-CAM：{name}</translation>
    </message>
    <message>
        <source>Open a picture</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <source>Images ({p})</source>
        <translation>图片（{p}）</translation>
    </message>
    <message>
        <source>Start the view or open a picture first, so the model is loaded.</source>
        <translation>请先启动视图或打开一张图片，以便加载模型。</translation>
    </message>
    <message>
        <source>There is no picture to save yet.</source>
        <translation>还没有可保存的画面。</translation>
    </message>
    <message>
        <source>The snapshot could not be saved: {e}</source>
        <translation>无法保存快照：{e}</translation>
    </message>
    <message>
        <source>Snapshot saved as {path}.</source>
        <translation>快照已保存为 {path}。</translation>
    </message>
    <message>
        <source>Save the view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>View saved as {path}.</source>
        <translation>视图已保存为 {path}。</translation>
    </message>
    <message>
        <source>The view could not be saved to {path}.</source>
        <translation>无法把视图保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>1 Data</source>
        <translation>1 数据</translation>
    </message>
    <message>
        <source>2 Train</source>
        <translation>2 训练</translation>
    </message>
    <message>
        <source>3 Evaluate</source>
        <translation>3 评估</translation>
    </message>
    <message>
        <source>4 Classify</source>
        <translation>4 分类</translation>
    </message>
    <message>
        <source>5 Live</source>
        <translation>5 实时</translation>
    </message>
    <message>
        <source>Model library</source>
        <translation>模型库</translation>
    </message>
    <message>
        <source>No usable GPU was found (an NVIDIA GPU needs a recent driver), so training and the live view run on the CPU.</source>
        <translation>未找到可用的 GPU（NVIDIA GPU 需要较新的驱动程序），因此训练和实时视图在 CPU 上运行。</translation>
    </message>
    <message>
        <source>{n} classes, {m} images</source>
        <translation>{n} 个类别，{m} 张图片</translation>
    </message>
    <message>
        <source>Loading PyTorch…</source>
        <translation>正在加载 PyTorch…</translation>
    </message>
    <message>
        <source>Open image folder…</source>
        <translation>打开图片文件夹…</translation>
    </message>
    <message>
        <source>Classify images…</source>
        <translation>对图片分类…</translation>
    </message>
    <message>
        <source>Paste image to classify</source>
        <translation>粘贴图片进行分类</translation>
    </message>
    <message>
        <source>Import model…</source>
        <translation>导入模型…</translation>
    </message>
    <message>
        <source>Export model to ONNX…</source>
        <translation>导出模型为 ONNX…</translation>
    </message>
    <message>
        <source>Export predictions to CSV…</source>
        <translation>导出预测结果为 CSV…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Model details…</source>
        <translation>模型详情…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Quick start</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>Welcome…</source>
        <translation>欢迎页…</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>About EffNet Studio</source>
        <translation>关于 EffNet Studio</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Model “{name}” saved in the library.</source>
        <translation>模型“{name}”已保存到模型库。</translation>
    </message>
    <message>
        <source>Model: {name}</source>
        <translation>模型：{name}</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>EffNet Studio speaks the new language after a restart. Restart now? Your folder, models and settings are kept.</source>
        <translation>重新启动后，EffNet Studio 将使用新的语言。现在重新启动吗？你的文件夹、模型和设置都会保留。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重新启动</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Restart EffNet Studio after the training to use the new language.</source>
        <translation>训练结束后重新启动 EffNet Studio 即可使用新的语言。</translation>
    </message>
    <message>
        <source>&lt;b&gt;EffNet Studio {v}&lt;/b&gt;&lt;br&gt;Train and use EfficientNet image classifiers on your own folders, without programming.</source>
        <translation>&lt;b&gt;EffNet Studio {v}&lt;/b&gt;&lt;br&gt;无需编程，就能在你自己的文件夹上训练和使用 EfficientNet 图像分类器。</translation>
    </message>
</context>
<context>
    <name>MapGrid</name>
    <message>
        <source>No feature maps yet.</source>
        <translation>还没有特征图。</translation>
    </message>
</context>
<context>
    <name>ModeBox</name>
    <message>
        <source>How to train</source>
        <translation>训练方式</translation>
    </message>
    <message>
        <source>Quick</source>
        <translation>快速</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>Teaches only the last layer. Seconds to a few minutes; a good first try.</source>
        <translation>只训练最后一层。几秒到几分钟；适合先试一试。</translation>
    </message>
    <message>
        <source>Fine-tunes the whole network at a larger image size. Minutes to hours.</source>
        <translation>用更大的图片尺寸微调整个网络。几分钟到几小时。</translation>
    </message>
</context>
<context>
    <name>Model</name>
    <message>
        <source>Model: &lt;b&gt;{name}&lt;/b&gt; ({variant}, {n} classes)</source>
        <translation>模型：&lt;b&gt;{name}&lt;/b&gt;（{variant}，{n} 个类别）</translation>
    </message>
</context>
<context>
    <name>ModelDetailsDialog</name>
    <message>
        <source>{label} — model details</source>
        <translation>{label} — 模型详情</translation>
    </message>
    <message>
        <source>Measuring the network…</source>
        <translation>正在测量网络…</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>算子</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道数</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Compound scaling: growth relative to B0</source>
        <translation>复合缩放：相对于 B0 的增长</translation>
    </message>
    <message>
        <source>variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Measuring B0…B7…</source>
        <translation>正在测量 B0…B7…</translation>
    </message>
    <message>
        <source>depth (layers)</source>
        <translation>深度（层数）</translation>
    </message>
    <message>
        <source>width (channels)</source>
        <translation>宽度（通道数）</translation>
    </message>
    <message>
        <source>resolution (pixels a side)</source>
        <translation>分辨率（每边像素）</translation>
    </message>
    <message>
        <source>Read from the built network: each MBConv row is a run of blocks with the same expansion, kernel and output channels; resolution is the stage&apos;s input. FLOPs are multiply-adds of one image, as the paper counts them.</source>
        <translation>数据读自构建好的网络：每一行 MBConv 是扩展倍数、卷积核和输出通道都相同的一组模块；分辨率是该阶段的输入分辨率。FLOPs 是一张图片的乘加次数，与论文的计数方法一致。</translation>
    </message>
    <message>
        <source>depth ×{d:.2f}, width ×{w:.2f}, resolution ×{r:.2f} relative to B0</source>
        <translation>相对于 B0：深度 ×{d:.2f}，宽度 ×{w:.2f}，分辨率 ×{r:.2f}</translation>
    </message>
    <message>
        <source>the B0 layout with ReLU6 and without Squeeze-and-Excitation (built for mobile chips)</source>
        <translation>B0 的结构，改用 ReLU6 并去掉了 Squeeze-and-Excitation（为移动芯片设计）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{label}&lt;/b&gt;: input {size}×{size} px · {params} parameters · {flops} FLOPs · {se}&lt;br&gt;Scaling: {coeff}.</source>
        <translation>&lt;b&gt;{label}&lt;/b&gt;：输入 {size}×{size} 像素 · {params} 个参数 · {flops} FLOPs · {se}&lt;br&gt;缩放：{coeff}。</translation>
    </message>
    <message>
        <source>Squeeze-and-Excitation in every block</source>
        <translation>每个模块都有 Squeeze-and-Excitation</translation>
    </message>
    <message>
        <source>no Squeeze-and-Excitation</source>
        <translation>没有 Squeeze-and-Excitation</translation>
    </message>
    <message>
        <source>In plain words: {label} looks at a picture of {size}×{size} pixels in {n} stages. Each stage makes the picture smaller and describes every spot of it with more numbers: first edges and colours, then textures, then whole shapes. It has {params} numbers learned from ImageNet&apos;s 1.3 million photos, and a picture costs about {times:.1f}× what it costs Lite0.</source>
        <translation>通俗地说：{label} 分 {n} 个阶段查看一张 {size}×{size} 像素的图片。每个阶段都把图片缩小，并用更多的数字描述每个位置：先是边缘和颜色，然后是纹理，最后是整体形状。它有 {params} 个从 ImageNet 的 130 万张照片中学到的数字，每张图片的计算量约为 Lite0 的 {times:.1f} 倍。</translation>
    </message>
    <message>
        <source>{label} is one of the EfficientNet-Lite networks: B0&apos;s layout made simpler for phones (no Squeeze-and-Excitation blocks), so it is not on the chart of B0…B7 (the table and the chart below are for readers of the EfficientNet paper).</source>
        <translation>{label} 属于 EfficientNet-Lite 系列：为手机简化的 B0 结构（没有 Squeeze-and-Excitation 模块），因此不在 B0…B7 的图表中（下面的表格和图表供 EfficientNet 论文的读者参考）。</translation>
    </message>
    <message>
        <source>The table and the chart below are for readers of the EfficientNet paper: the chart shows how B1…B7 grow from B0.</source>
        <translation>下面的表格和图表供 EfficientNet 论文的读者参考：图表显示 B1…B7 如何从 B0 扩展而来。</translation>
    </message>
</context>
<context>
    <name>ProbeBox</name>
    <message>
        <source>Probe image</source>
        <translation>观察图片</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>A picture whose prediction (and SE gates) is shown after every epoch</source>
        <translation>每轮训练后显示这张图片的预测结果（以及 SE 门控值）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Optional: choose a picture to watch its prediction change while the model trains.</source>
        <translation>可选：选择一张图片，观察它的预测结果在训练过程中如何变化。</translation>
    </message>
    <message>
        <source>Choose a probe image</source>
        <translation>选择观察图片</translation>
    </message>
    <message>
        <source>Images ({p})</source>
        <translation>图片（{p}）</translation>
    </message>
    <message>
        <source>Its prediction appears here after the first step of training.</source>
        <translation>训练的第一步完成后，这里会显示它的预测结果。</translation>
    </message>
    <message>
        <source>After fitting the new head:</source>
        <translation>拟合新的分类头之后：</translation>
    </message>
    <message>
        <source>After epoch {e}:</source>
        <translation>第 {e} 轮之后：</translation>
    </message>
    <message>
        <source>{when} {name} ({p:.0f} %)</source>
        <translation>{when} {name}（{p:.0f} %）</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QuickStartDialog</name>
    <message>
        <source>Quick start</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>&lt;h2&gt;From your folder to an answer, in four steps&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;从你的文件夹到答案，只需四步&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;1 · Your pictures&lt;/h3&gt;&lt;p&gt;Put your pictures in one folder with a sub-folder per kind, for example &lt;i&gt;rocks/Chert&lt;/i&gt; and &lt;i&gt;rocks/Bauxite&lt;/i&gt;. Ten or more pictures of each kind is a good start. On the &lt;b&gt;Data&lt;/b&gt; page press &lt;b&gt;Choose folder…&lt;/b&gt;, or drop the folder on the window. The page counts the pictures and lists any it cannot use, with the reason.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;1 · 你的图片&lt;/h3&gt;&lt;p&gt;把图片放在一个文件夹里，每个类别一个子文件夹，例如 &lt;i&gt;rocks/Chert&lt;/i&gt; 和 &lt;i&gt;rocks/Bauxite&lt;/i&gt;。每个类别有十张以上图片就是不错的开始。在&lt;b&gt;数据&lt;/b&gt;页按&lt;b&gt;选择文件夹…&lt;/b&gt;，或把文件夹拖到窗口上。该页会统计图片数量，并列出无法使用的图片及原因。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;2 · Train&lt;/h3&gt;&lt;p&gt;On the &lt;b&gt;Train&lt;/b&gt; page keep &lt;b&gt;EfficientNet-Lite0&lt;/b&gt; and &lt;b&gt;Quick&lt;/b&gt;, and press &lt;b&gt;Start training&lt;/b&gt;. A quick training takes seconds to a few minutes and needs no internet. &lt;b&gt;Full&lt;/b&gt; training takes longer and is often a little more accurate. The finished model goes into the &lt;b&gt;model library&lt;/b&gt; on the left.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;2 · 训练&lt;/h3&gt;&lt;p&gt;在&lt;b&gt;训练&lt;/b&gt;页保留 &lt;b&gt;EfficientNet-Lite0&lt;/b&gt; 和&lt;b&gt;快速&lt;/b&gt;，然后按&lt;b&gt;开始训练&lt;/b&gt;。快速训练只需几秒到几分钟，且无需联网。&lt;b&gt;完整&lt;/b&gt;训练耗时更长，通常更准确一些。训练好的模型会放进左侧的&lt;b&gt;模型库&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;3 · Check it&lt;/h3&gt;&lt;p&gt;The &lt;b&gt;Evaluate&lt;/b&gt; page shows how often the model was right on pictures it did not learn from, and which kinds it mixes up. Click a cell of the table to see those pictures, and &lt;b&gt;Look inside…&lt;/b&gt; to see what the network saw in one.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;3 · 检查&lt;/h3&gt;&lt;p&gt;&lt;b&gt;评估&lt;/b&gt;页显示模型在没学过的图片上答对的比例，以及它会混淆哪些类别。点击表格中的格子可查看对应图片，用&lt;b&gt;查看内部…&lt;/b&gt;可看到网络在图片中看到了什么。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;4 · Use it&lt;/h3&gt;&lt;p&gt;Drop pictures or a whole folder on the &lt;b&gt;Classify&lt;/b&gt; page. Each answer comes with a percentage you can trust: 80 % means right about 8 times in 10. A picture unlike every kind it knows is answered &lt;b&gt;None of these&lt;/b&gt;. &lt;b&gt;Export predictions to CSV…&lt;/b&gt; saves the answers as a table.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;4 · 使用&lt;/h3&gt;&lt;p&gt;把图片或整个文件夹拖到&lt;b&gt;分类&lt;/b&gt;页。每个答案都附有可信的百分比：80 % 表示大约十次中对八次。与所有已知类别都不像的图片会得到&lt;b&gt;都不是&lt;/b&gt;的回答。&lt;b&gt;导出预测结果为 CSV…&lt;/b&gt;可把答案存成表格。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;And then: see what it looks at&lt;/h3&gt;&lt;p&gt;The &lt;b&gt;Live&lt;/b&gt; page shows a camera, a video or a picture, with the places that decided the answer painted over it (red: where the network looked most).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;然后：看看它在看哪里&lt;/h3&gt;&lt;p&gt;&lt;b&gt;实时&lt;/b&gt;页显示摄像头、视频或图片，并在上面标出决定答案的位置（红色：网络最关注的地方）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Tips.&lt;/b&gt; Everything stays on this computer. Language, look and the use of a graphics card are under &lt;b&gt;File → Settings…&lt;/b&gt;. Keyboard: Ctrl+1 … Ctrl+5 switch pages, F1 opens this page.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;提示。&lt;/b&gt;所有数据都留在这台电脑上。语言、外观和显卡的使用在&lt;b&gt;文件 → 设置…&lt;/b&gt;中。快捷键：Ctrl+1 … Ctrl+5 切换页面，F1 打开本页。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>RecordBar</name>
    <message>
        <source>Add picture</source>
        <translation>添加图片</translation>
    </message>
    <message>
        <source>Save the picture on show into the chosen class of your dataset</source>
        <translation>把当前显示的图片保存到数据集中所选的类别</translation>
    </message>
    <message>
        <source>● Record (hold)</source>
        <translation>● 录制（按住）</translation>
    </message>
    <message>
        <source>Hold down to save pictures into the class at the chosen rate; frames that hardly change are skipped</source>
        <translation>按住时按所选速率把图片保存到该类别；几乎没有变化的帧会被跳过</translation>
    </message>
    <message>
        <source> per second</source>
        <translation> 张/秒</translation>
    </message>
    <message>
        <source>Record into class</source>
        <translation>录制到类别</translation>
    </message>
    <message>
        <source>(choose a folder on the Data page)</source>
        <translation>（请先在“数据”页选择文件夹）</translation>
    </message>
    <message>
        <source>New class…</source>
        <translation>新建类别…</translation>
    </message>
    <message>
        <source>New class</source>
        <translation>新建类别</translation>
    </message>
    <message>
        <source>Name of the new class:</source>
        <translation>新类别的名称：</translation>
    </message>
    <message>
        <source>There is no picture to add yet.</source>
        <translation>还没有可以添加的图片。</translation>
    </message>
    <message>
        <source>Choose a class to record into.</source>
        <translation>请选择要录制到的类别。</translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s) recorded</source>
        <translation>
            <numerusform>已录制 %n 张图片</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReliabilityDiagram</name>
    <message>
        <source>Reliability (calibration error {ece:.1f} %)</source>
        <translation>可靠性（校准误差 {ece:.1f} %）</translation>
    </message>
    <message>
        <source>Reliability</source>
        <translation>可靠性</translation>
    </message>
    <message>
        <source>No calibration figures for these results.</source>
        <translation>这些结果没有校准数据。</translation>
    </message>
    <message>
        <source>how sure it was · bars: how often it was right</source>
        <translation>把握有多大 · 柱高：答对的比例</translation>
    </message>
</context>
<context>
    <name>ReviewGrid</name>
    <message>
        <source>Put selected into</source>
        <translation>把所选放入</translation>
    </message>
    <message>
        <source>0 · leave out</source>
        <translation>0 · 不整理</translation>
    </message>
    <message>
        <source>Select pictures, then press a key: {keys} · &lt;b&gt;0&lt;/b&gt; leave out</source>
        <translation>选中图片后按键：{keys} · &lt;b&gt;0&lt;/b&gt; 不整理</translation>
    </message>
    <message>
        <source>None of these</source>
        <translation>都不是</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>不整理</translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>{name} (closest: {label})</source>
        <translation>{name}（最接近：{label}）</translation>
    </message>
    <message>
        <source>{text} (model: {label})</source>
        <translation>{text}（模型：{label}）</translation>
    </message>
</context>
<context>
    <name>SEPanel</name>
    <message>
        <source>channel </source>
        <translation>通道 </translation>
    </message>
    <message>
        <source>before the gate</source>
        <translation>门控之前</translation>
    </message>
    <message>
        <source>after the gate</source>
        <translation>门控之后</translation>
    </message>
    <message>
        <source>Compute the class profile</source>
        <translation>计算类别画像</translation>
    </message>
    <message>
        <source>Average gates per class over the model&apos;s validation images</source>
        <translation>在模型的验证图片上按类别平均门控值</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>How much of a block&apos;s gate variation the class explains (0: none, 1: all)</source>
        <translation>类别能解释某个模块门控值变化的多少（0：完全不能，1：全部）</translation>
    </message>
    <message>
        <source>Block:</source>
        <translation>模块：</translation>
    </message>
    <message>
        <source>Each row is one SE block, early (top) to late; each column a channel; bright = the block lets that channel through. Point at a cell for its value, click it to look at that block and channel.</source>
        <translation>每一行是一个 SE 模块，从早（上）到晚；每一列是一个通道；越亮表示该模块让这个通道通过得越多。把鼠标指向格子可查看数值，点击可查看该模块和通道。</translation>
    </message>
    <message>
        <source>The average gates of the chosen block for each class, over the model&apos;s validation images (or the Data page&apos;s folder). Early blocks look alike for every class; late blocks become class-specific.</source>
        <translation>所选模块对每个类别的平均门控值，基于模型的验证图片（或“数据”页的文件夹）。早期模块对每个类别都差不多；后期模块变得针对类别。</translation>
    </message>
    <message>
        <source>How class-specific each block is, block 1 at the top (share of gate variation explained by the class):</source>
        <translation>每个模块对类别的针对程度，模块 1 在最上面（门控值变化中由类别解释的比例）：</translation>
    </message>
    <message>
        <source>This picture</source>
        <translation>这张图片</translation>
    </message>
    <message>
        <source>Class profile</source>
        <translation>类别画像</translation>
    </message>
    <message>
        <source>{net} has no Squeeze-and-Excitation blocks (EfficientNet-Lite removed them to run well on phones), so there are no gates to show. The feature maps and Grad-CAM work as usual; choose a model trained from EfficientNet-B0…B7 to see the gates.</source>
        <translation>{net} 没有 Squeeze-and-Excitation 模块（EfficientNet-Lite 为了在手机上运行顺畅而去掉了它们），所以没有门控值可显示。特征图和 Grad-CAM 照常可用；要查看门控值，请选择基于 EfficientNet-B0…B7 训练的模型。</translation>
    </message>
    <message>
        <source>Most excited channels: {links}</source>
        <translation>最活跃的通道：{links}</translation>
    </message>
    <message>
        <source>#{c} before</source>
        <translation>#{c} 门控前</translation>
    </message>
    <message>
        <source>after × {g:.2f}</source>
        <translation>门控后 × {g:.2f}</translation>
    </message>
    <message>
        <source>{block}, {source}. Choose another block on “This picture”.</source>
        <translation>{block}，{source}。在“这张图片”中可以选择其他模块。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system ({language})</source>
        <translation>跟随系统（{language}）</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Automatic (GPU if there is one)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <source>Automatic: the faster one for this computer</source>
        <translation>自动：选择在这台电脑上更快的一个</translation>
    </message>
    <message>
        <source>ONNX Runtime: fast on a processor</source>
        <translation>ONNX Runtime：在处理器上更快</translation>
    </message>
    <message>
        <source>PyTorch: the library that trains the models</source>
        <translation>PyTorch：训练模型所用的库</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>A new language applies at the next start.</source>
        <translation>新的语言在下次启动时生效。</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Colours change at once; icons follow at the next start.</source>
        <translation>颜色立即改变；图标在下次启动时更新。</translation>
    </message>
    <message>
        <source>Device for training and classifying</source>
        <translation>训练和分类使用的设备</translation>
    </message>
    <message>
        <source>Engine for classifying</source>
        <translation>分类使用的引擎</translation>
    </message>
    <message>
        <source>Both give the same answers; only the speed differs. Keep Automatic unless support asks otherwise.</source>
        <translation>两者给出的答案相同，只是速度不同。除非技术支持另有要求，请保持“自动”。</translation>
    </message>
    <message>
        <source>Download weights from (mirror)</source>
        <translation>权重下载地址（镜像）</translation>
    </message>
    <message>
        <source>Classes shown per image</source>
        <translation>每张图片显示的类别数</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Log files</source>
        <translation>日志文件</translation>
    </message>
</context>
<context>
    <name>SortDialog</name>
    <message>
        <source>Sort new pictures</source>
        <translation>整理新图片</translation>
    </message>
    <message>
        <source>Choose the folder of new pictures…</source>
        <translation>选择新图片所在的文件夹…</translation>
    </message>
    <message>
        <source>Copy into the dataset</source>
        <translation>复制到数据集</translation>
    </message>
    <message>
        <source>Move into the dataset</source>
        <translation>移动到数据集</translation>
    </message>
    <message>
        <source>Undo the last sort</source>
        <translation>撤销上次整理</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The model &lt;b&gt;{model}&lt;/b&gt; sorts pictures into the class folders of &lt;b&gt;{dataset}&lt;/b&gt;. Check the least sure ones first; nothing is overwritten and every sort can be undone.</source>
        <translation>模型 &lt;b&gt;{model}&lt;/b&gt; 把图片分到 &lt;b&gt;{dataset}&lt;/b&gt; 的类别文件夹中。请先检查最没有把握的图片；不会覆盖任何文件，每次整理都可以撤销。</translation>
    </message>
    <message>
        <source>Choose the folder of new pictures</source>
        <translation>选择新图片所在的文件夹</translation>
    </message>
    <message>
        <source>Choose or train a model of your own classes first: the built-in model knows 1,000 everyday things, not your classes.</source>
        <translation>请先选择或训练一个包含您自己类别的模型：内置模型认识 1000 种日常事物，而不是您的类别。</translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s) predicted; the least sure are shown first.</source>
        <translation>
            <numerusform>已预测 %n 张图片；最没有把握的排在前面。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n look(s) like none of the classes.</source>
        <translation>
            <numerusform>其中 %n 张不像任何一个类别。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n picture(s) into the dataset.</source>
        <translation>
            <numerusform>已把 %n 张图片移动到数据集。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n picture(s) into the dataset.</source>
        <translation>
            <numerusform>已把 %n 张图片复制到数据集。</numerusform>
        </translation>
    </message>
    <message>
        <source>“Undo the last sort” puts everything back.</source>
        <translation>“撤销上次整理”可以全部还原。</translation>
    </message>
    <message numerus="yes">
        <source>Undone: %n picture(s) are back where they were.</source>
        <translation>
            <numerusform>已撤销：%n 张图片回到了原处。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcePicker</name>
    <message>
        <source>Find cameras</source>
        <translation>查找摄像头</translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation>视频文件…</translation>
    </message>
    <message>
        <source>Stream URL…</source>
        <translation>视频流地址…</translation>
    </message>
    <message>
        <source>Camera default</source>
        <translation>摄像头默认</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>镜像翻转</translation>
    </message>
    <message>
        <source>Repeat videos</source>
        <translation>循环播放视频</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <source>Open a video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <source>Videos ({p})</source>
        <translation>视频（{p}）</translation>
    </message>
    <message>
        <source>Stream URL</source>
        <translation>视频流地址</translation>
    </message>
    <message>
        <source>Address of the camera stream (for example rtsp://192.168.1.20/stream or http://…/video.mjpg):</source>
        <translation>摄像头视频流的地址（例如 rtsp://192.168.1.20/stream 或 http://…/video.mjpg）：</translation>
    </message>
</context>
<context>
    <name>TrainOnBox</name>
    <message>
        <source>Train on from “{name}”</source>
        <translation>在“{name}”的基础上继续训练</translation>
    </message>
    <message>
        <source>Train on from a model</source>
        <translation>在已有模型的基础上继续训练</translation>
    </message>
    <message>
        <source>Choose one of your models in the library to go on from what it has learned.</source>
        <translation>在模型库中选择您自己的一个模型，即可在它已学到的基础上继续训练。</translation>
    </message>
    <message numerus="yes">
        <source>Starts from what the model has learned and keeps its %n class(es); the folder may add pictures and classes.</source>
        <translation>
            <numerusform>从该模型已学到的内容开始，保留它的 %n 个类别；文件夹可以添加图片和类别。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Keeps its classes and adds %n new one(s): {names}.</source>
        <translation>
            <numerusform>保留它的类别，并新增 %n 个：{names}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Keeps its classes; the folder&apos;s pictures refine them.</source>
        <translation>保留它的类别；文件夹中的图片会让它们更准确。</translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message>
        <source>&lt;h2&gt;2 · Train&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;2 · 训练&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Save the model again</source>
        <translation>再次保存模型</translation>
    </message>
    <message>
        <source>Loss (lower is better)</source>
        <translation>损失（越低越好）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Curves appear here during full training, one point per epoch.</source>
        <translation>完整训练时，曲线会显示在这里，每轮一个点。</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>&lt;b&gt;No folder of pictures yet.&lt;/b&gt; Choose one on the Data page.</source>
        <translation>&lt;b&gt;还没有图片文件夹。&lt;/b&gt;请在“数据”页选择一个。</translation>
    </message>
    <message numerus="yes">
        <source>Trains on &lt;b&gt;{name}&lt;/b&gt;: %n picture(s) in {classes} classes&lt;br&gt;&lt;small&gt;{root}&lt;/small&gt;</source>
        <translation>
            <numerusform>训练数据：&lt;b&gt;{name}&lt;/b&gt;，{classes} 个类别共 %n 张图片&lt;br&gt;&lt;small&gt;{root}&lt;/small&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready: press “Start training”.</source>
        <translation>准备就绪：请按“开始训练”。</translation>
    </message>
    <message>
        <source>Choose your pictures on the Data page first.</source>
        <translation>请先在“数据”页选择图片。</translation>
    </message>
    <message>
        <source>Choose your images on the Data page first.</source>
        <translation>请先在“数据”页选择你的图片。</translation>
    </message>
    <message>
        <source>Training needs a folder with one sub-folder of pictures per class.</source>
        <translation>训练需要一个文件夹，其中每个类别一个子文件夹。</translation>
    </message>
    <message>
        <source>Go to the Data page</source>
        <translation>前往“数据”页</translation>
    </message>
    <message>
        <source>Not started: the network&apos;s weights could not be had.</source>
        <translation>未开始：无法获得该网络的权重。</translation>
    </message>
    <message>
        <source>Running on: {device}</source>
        <translation>运行设备：{device}</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>当前批次结束后停止…</translation>
    </message>
    <message>
        <source> · about {t} left</source>
        <translation> · 大约还需 {t}</translation>
    </message>
    <message>
        <source> Validation accuracy: {acc:.1f} % on {n} images (balanced over the classes: {balanced:.1f} %).</source>
        <translation> 验证准确率：{acc:.1f} %，共 {n} 张图片（类别平衡：{balanced:.1f} %）。</translation>
    </message>
    <message>
        <source> Calibration error: {ece:.1f} %.</source>
        <translation>校准误差：{ece:.1f} %。</translation>
    </message>
    <message numerus="yes">
        <source> %n group(s) of pictures of one scene were kept on one side of the validation split, so the figure is not flattered by near-copies.</source>
        <translation>
            <numerusform> 有 %n 组同一场景的图片被放在验证划分的同一侧，因此这个数字不会因近似副本而虚高。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped after {t}. The best model so far (epoch {e}) is saved as “{name}”.</source>
        <translation>在 {t} 后停止。目前最好的模型（第 {e} 轮）已保存为“{name}”。</translation>
    </message>
    <message>
        <source>Finished in {t}.{acc}</source>
        <translation>用时 {t} 完成。{acc}</translation>
    </message>
    <message>
        <source> The time was up after epoch {n}; the best epoch ({e}) is kept.</source>
        <translation> 第 {n} 轮后时间已到；保留最好的一轮（第 {e} 轮）。</translation>
    </message>
    <message>
        <source>“{name}” is in your model library. &lt;b&gt;Next: try it on a picture&lt;/b&gt; of your own, or see where it goes wrong.</source>
        <translation>“{name}”已在模型库中。&lt;b&gt;下一步：用你自己的图片试一试&lt;/b&gt;，或查看它在哪里出错。</translation>
    </message>
    <message>
        <source>Classify a picture…</source>
        <translation>分类一张图片…</translation>
    </message>
    <message>
        <source>See the results</source>
        <translation>查看结果</translation>
    </message>
    <message>
        <source>{reason} The trained model is kept until you train again or close EffNet Studio: make room, then press “Save the model again”.</source>
        <translation>{reason}训练好的模型会保留到您再次训练或关闭 EffNet Studio 为止：请腾出空间，然后按“再次保存模型”。</translation>
    </message>
    <message>
        <source>Trained, not saved.</source>
        <translation>已训练，未保存。</translation>
    </message>
    <message>
        <source>Saved as “{name}” in your model library.</source>
        <translation>已保存为模型库中的“{name}”。</translation>
    </message>
    <message>
        <source>Stopped. No model was ready yet, so nothing was saved.</source>
        <translation>已停止。还没有可用的模型，因此没有保存任何内容。</translation>
    </message>
</context>
<context>
    <name>TrainingOptions</name>
    <message>
        <source>Flip, rotate and colour-jitter training images (full mode)</source>
        <translation>对训练图片做翻转、旋转和颜色扰动（完整模式）</translation>
    </message>
    <message>
        <source>network&apos;s own</source>
        <translation>网络自身的尺寸</translation>
    </message>
    <message>
        <source>as the pictures say (1 or 8)</source>
        <translation>由图片决定（1 或 8）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Copies and views of one scene</source>
        <translation>副本和同一场景的不同视野</translation>
    </message>
    <message>
        <source>Each sub-folder of a class (one specimen)</source>
        <translation>类别中的每个子文件夹（一个标本）</translation>
    </message>
    <message>
        <source>Same file-name start (slide12_003, slide12_007, …)</source>
        <translation>文件名开头相同（切片12_003、切片12_007、…）</translation>
    </message>
    <message>
        <source>Nothing: picture by picture</source>
        <translation>不分组：逐张图片</translation>
    </message>
    <message>
        <source>Pictures kept together go all to training or all to validation, so the validation accuracy is not flattered by near-copies</source>
        <translation>放在一起的图片要么全部用于训练，要么全部用于验证，这样验证准确率不会因近似副本而虚高</translation>
    </message>
    <message>
        <source>Every class counts the same, however few its pictures</source>
        <translation>每个类别同等重要，无论图片多少</translation>
    </message>
    <message>
        <source>Weighs the classes in the training so that a class with few pictures is not ignored in favour of a big one</source>
        <translation>训练时给类别加权，使图片少的类别不会因为图片多的类别而被忽视</translation>
    </message>
    <message>
        <source>Automatic (GPU if there is one)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Time limit (full mode)</source>
        <translation>时间限制（完整模式）</translation>
    </message>
    <message>
        <source>Views of each picture (turned, mirrored)</source>
        <translation>每张图片的视图数（旋转、镜像）</translation>
    </message>
    <message>
        <source>GPU: {name}</source>
        <translation>GPU：{name}</translation>
    </message>
    <message>
        <source>Epochs (full mode, at most)</source>
        <translation>训练轮数（完整模式，最多）</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Images kept for validation</source>
        <translation>留作验证的图片</translation>
    </message>
    <message>
        <source>Image size (pixels)</source>
        <translation>图片尺寸（像素）</translation>
    </message>
    <message>
        <source>Keep together for validation</source>
        <translation>验证时放在一起</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
</context>
<context>
    <name>UnknownShareControl</name>
    <message>
        <source>&lt;b&gt;“None of these”&lt;/b&gt;</source>
        <translation>&lt;b&gt;“都不是”&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Right: catch more pictures that belong to none of the classes, and turn away more pictures that do. Left: fewer of both. 0 turns it off.</source>
        <translation>向右：抓出更多不属于任何类别的图片，也会拒掉更多属于某类的图片。向左：两者都更少。0 表示关闭。</translation>
    </message>
    <message>
        <source>This model was made before “None of these” existed, so every picture gets one of its classes. Train it again to have that answer.</source>
        <translation>此模型创建于“都不是”功能之前，因此每张图片都会被归入它的某个类别。重新训练即可获得该回答。</translation>
    </message>
    <message>
        <source>Off: every picture gets the closest of the model&apos;s classes.</source>
        <translation>关闭：每张图片都归入模型中最接近的类别。</translation>
    </message>
    <message>
        <source>Pictures unlike everything the model was trained on are answered “None of these”. About {p} % of new pictures of your own classes will be too, by mistake.</source>
        <translation>与模型训练过的所有图片都不像的图片会被回答“都不是”。你自己类别的新图片中，也会有约 {p} % 被误判为“都不是”。</translation>
    </message>
</context>
<context>
    <name>VariantBox</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Model details…</source>
        <translation>模型详情…</translation>
    </message>
    <message>
        <source>fastest</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>快</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>中等</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>慢</translation>
    </message>
    <message>
        <source>very slow</source>
        <translation>很慢</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Works offline: its weights come with the app.</source>
        <translation>可离线使用：权重随应用一起安装。</translation>
    </message>
    <message>
        <source>Downloads {mb:.0f} MB on first use.</source>
        <translation>首次使用时下载 {mb:.0f} MB。</translation>
    </message>
    <message>
        <source>Weights already downloaded.</source>
        <translation>权重已下载。</translation>
    </message>
    <message>
        <source>Speed: {speed} (about {times:.1f}× Lite0&apos;s time per picture) · memory: {memory} · input {size}×{size} px · {params} parameters · ImageNet accuracy {acc:.1f} %. {weights}</source>
        <translation>速度：{speed}（每张图片约为 Lite0 的 {times:.1f} 倍时间）· 内存：{memory} · 输入 {size}×{size} 像素 · {params} 个参数 · ImageNet 准确率 {acc:.1f} %。{weights}</translation>
    </message>
</context>
<context>
    <name>VideoView</name>
    <message>
        <source>Choose a camera or a video and press Start,
or open a picture.</source>
        <translation>选择摄像头或视频后点击“开始”，
或者打开一张图片。</translation>
    </message>
    <message>
        <source>None of these — closest: {name}</source>
        <translation>都不是 — 最接近：{name}</translation>
    </message>
    <message>
        <source>Unsure — maybe {name}</source>
        <translation>不确定——可能是 {name}</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to EffNet Studio</source>
        <translation>欢迎使用 EffNet Studio</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;EffNet Studio learns to tell your kinds of pictures apart (rock thin sections, defects on a surface, plants, anything) from a folder you already have. No programming, and no internet needed.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Three steps:&lt;/b&gt; choose a folder with one sub-folder per kind → train → classify new pictures. Each page ends with a button to the next step.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;欢迎&lt;/h2&gt;&lt;p&gt;EffNet Studio 可以从你已有的文件夹中学会区分不同类别的图片（岩石薄片、表面缺陷、植物，什么都行）。无需编程，也无需联网。&lt;/p&gt;&lt;p&gt;&lt;b&gt;三个步骤：&lt;/b&gt;选择一个每个类别一个子文件夹的文件夹 → 训练 → 对新图片分类。每一页结尾都有通往下一步的按钮。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Choose my folder of pictures…</source>
        <translation>选择我的图片文件夹…</translation>
    </message>
    <message>
        <source>Try a ready-made model on a picture…</source>
        <translation>用现成的模型试一张图片…</translation>
    </message>
    <message>
        <source>Read the quick start</source>
        <translation>阅读快速入门</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The ready-made model knows 1,000 everyday things (animals, tools, food…): a way to see the app answer before you train your own.</source>
        <translation>现成的模型认识 1000 种日常事物（动物、工具、食物…）：在训练自己的模型之前，先看看本软件如何回答。</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s：错误：%(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下必需的参数：%s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选项：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>有歧义的选项：%(option)s 可能是 %(matches)s</translation>
    </message>
</context>
<context>
    <name>bundle</name>
    <message>
        <source>an EffNet Studio model</source>
        <translation>EffNet Studio 模型</translation>
    </message>
    <message>
        <source>a training checkpoint</source>
        <translation>训练检查点</translation>
    </message>
    <message>
        <source>There is no model file &apos;{path}&apos;.</source>
        <translation>模型文件“{path}”不存在。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is too large to read into this computer&apos;s memory.</source>
        <translation>“{name}”太大，这台电脑的内存装不下。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; cannot be read ({reason}).</source>
        <translation>无法读取“{name}”（{reason}）。</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a folder, not a model file.</source>
        <translation>“{path}”是文件夹，不是模型文件。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a regular file (a pipe, socket or device), so it is not a model file.</source>
        <translation>“{name}”不是普通文件（而是管道、套接字或设备），因此不是模型文件。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is empty or truncated; it is not {what}.</source>
        <translation>“{name}”是空文件或已被截断；它不是{what}。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not {what} (unrecognised file format).</source>
        <translation>“{name}”不是{what}（无法识别的文件格式）。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not {what} (no EffNet Studio description inside).</source>
        <translation>“{name}”不是{what}（其中没有 EffNet Studio 的描述信息）。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is damaged: its description is not valid JSON.</source>
        <translation>“{name}”已损坏：其描述信息不是有效的 JSON。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not {what}.</source>
        <translation>“{name}”不是{what}。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; was made by a newer EffNet Studio; update the app to open it.</source>
        <translation>“{name}”由更新版本的 EffNet Studio 创建；请更新应用后再打开。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is damaged: its description has a missing or invalid &apos;{field}&apos;.</source>
        <translation>“{name}”已损坏：其描述信息中的“{field}”缺失或无效。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is damaged ({detail}).</source>
        <translation>“{name}”已损坏（{detail}）。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is damaged: its &quot;None of these&quot; description does not fit the model.</source>
        <translation>“{name}”已损坏：其中“都不是”的描述与模型不符。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; cannot be used: {reason}</source>
        <translation>“{name}”无法使用：{reason}</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is damaged: it has no classifier weights.</source>
        <translation>“{name}”已损坏：其中没有分类器权重。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is inconsistent: it names {n} classes but its weights have {outputs} outputs.</source>
        <translation>“{name}”前后不一致：它列出了 {n} 个类别，但其权重有 {outputs} 个输出。</translation>
    </message>
</context>
<context>
    <name>camera</name>
    <message>
        <source>Camera {n}</source>
        <translation>摄像头 {n}</translation>
    </message>
    <message>
        <source>The video file &apos;{path}&apos; does not exist.</source>
        <translation>视频文件“{path}”不存在。</translation>
    </message>
    <message>
        <source>The camera &apos;{name}&apos; could not be opened.</source>
        <translation>无法打开摄像头“{name}”。</translation>
    </message>
    <message>
        <source>The video or stream &apos;{name}&apos; could not be opened.</source>
        <translation>无法打开视频或视频流“{name}”。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>epoch {epoch}: train loss {train_loss} acc {train_acc}, val loss {val_loss} acc {val_acc}, {speed} img/s</source>
        <translation>第 {epoch} 轮：训练损失 {train_loss}，准确率 {train_acc}；验证损失 {val_loss}，准确率 {val_acc}；{speed} 张图片/秒</translation>
    </message>
    <message>
        <source>auto (GPU if present), cpu, cuda or mps</source>
        <translation>auto（有 GPU 时使用 GPU）、cpu、cuda 或 mps</translation>
    </message>
    <message>
        <source>machine-readable output on stdout</source>
        <translation>在标准输出上输出机器可读的结果</translation>
    </message>
    <message>
        <source>base URL to download pretrained weights from (file names are kept; also EFFNET_WEIGHTS_MIRROR; default: the mirror set in the app&apos;s Settings)</source>
        <translation>下载预训练权重的基础网址（文件名不变；也可用 EFFNET_WEIGHTS_MIRROR；默认：应用设置中的镜像）</translation>
    </message>
    <message>
        <source>{app}: train and use EfficientNet image classifiers. Without a command, opens the desktop app.</source>
        <translation>{app}：训练和使用 EfficientNet 图像分类器。不带命令时打开桌面应用。</translation>
    </message>
    <message>
        <source>check this installation (model, sample picture, window) and print one line</source>
        <translation>检查本安装（模型、示例图片、窗口）并输出一行结果</translation>
    </message>
    <message>
        <source>open the window with these images or folder (what “Open with EffNet Studio” runs)</source>
        <translation>打开窗口并载入这些图像或文件夹（即“用 EffNet Studio 打开”所执行的命令）</translation>
    </message>
    <message>
        <source>list the supported EfficientNet variants</source>
        <translation>列出支持的 EfficientNet 变体</translation>
    </message>
    <message>
        <source>auto: ONNX Runtime on a CPU (faster, checked against PyTorch; int8 where its check at training kept it), else PyTorch; onnx: never int8</source>
        <translation>auto：在 CPU 上使用 ONNX Runtime（更快，并已与 PyTorch 核对；若训练时的检查保留了 int8 图则使用 int8），否则使用 PyTorch；onnx：从不使用 int8</translation>
    </message>
    <message>
        <source>train a classifier on a class-per-folder image folder</source>
        <translation>在每个类别一个子文件夹的图片文件夹上训练分类器</translation>
    </message>
    <message>
        <source>folder with one sub-folder of images per class</source>
        <translation>每个类别各有一个图片子文件夹的文件夹</translation>
    </message>
    <message>
        <source>the network (default: {name}; with --from, the model&apos;s)</source>
        <translation>网络（默认：{name}；使用 --from 时为该模型的网络）</translation>
    </message>
    <message>
        <source>train on from this model: its weights and classes (in their order) are the start; the folder may add pictures and classes</source>
        <translation>在此模型的基础上继续训练：以它的权重和类别（按原顺序）为起点；文件夹可以添加图片和类别</translation>
    </message>
    <message>
        <source>how long the training may take (about a minute, ten minutes, an hour, or until Ctrl+C): the network, mode and epochs that fit are picked and said</source>
        <translation>训练可以用多长时间（大约一分钟、十分钟、一小时，或直到 Ctrl+C）：自动挑选合适的网络、模式和轮数并说明</translation>
    </message>
    <message>
        <source>quick: frozen backbone, seconds; full: fine-tune everything, minutes (default: quick)</source>
        <translation>quick：冻结主干，几秒；full：微调全部，几分钟（默认：quick）</translation>
    </message>
    <message>
        <source>full mode: at most this many epochs</source>
        <translation>完整模式：最多训练这么多轮</translation>
    </message>
    <message>
        <source>full mode: end on time, with as many epochs as fit in this many minutes (the best epoch is kept; default: no limit)</source>
        <translation>完整模式：按时结束，在这么多分钟内训练尽可能多的轮数（保留最好的一轮；默认：不限）</translation>
    </message>
    <message>
        <source>full mode: learning rate (AdamW, warm-up then cosine)</source>
        <translation>完整模式：学习率（AdamW，先预热再余弦衰减）</translation>
    </message>
    <message>
        <source>average predictions over 1-8 rotated/flipped views; quick mode also learns each picture in those views (default: 1 quick, 8 full)</source>
        <translation>对 1-8 个旋转/翻转视图的预测取平均；快速模式还会用这些视图学习每张图片（默认：快速 1，完整 8）</translation>
    </message>
    <message>
        <source>network input size (default: the variant&apos;s own; full mode 320)</source>
        <translation>网络输入尺寸（默认：变体自身的尺寸；完整模式为 320）</translation>
    </message>
    <message>
        <source>crop: centre crop as on ImageNet; whole: the whole picture (default in full mode)</source>
        <translation>crop：像 ImageNet 一样中心裁剪；whole：使用整张图片（完整模式的默认值）</translation>
    </message>
    <message>
        <source>what stays on one side of the validation split: views (copies and overlapping views of one scene), subfolders (a sub-folder of a class is one specimen), prefix (the file name up to its last _ or -: slide12_003 and slide12_007) or random</source>
        <translation>划分验证集时哪些图片放在同一侧：views（同一场景的副本和重叠视图）、subfolders（类别中的一个子文件夹是一个标本）、prefix（文件名中最后一个 _ 或 - 之前的部分：slide12_003 和 slide12_007）或 random</translation>
    </message>
    <message>
        <source>weigh classes by their number of pictures (default: every class the same)</source>
        <translation>按图片数量给类别加权（默认：每个类别同等重要）</translation>
    </message>
    <message>
        <source>also make an int8 graph for faster predictions, used only if it answers the held-out pictures as the float model does (a few seconds more)</source>
        <translation>另外生成一个 int8 图以加快预测，仅当它对留出图片的回答与浮点模型一致时才使用（多花几秒）</translation>
    </message>
    <message>
        <source>full mode: no random crops/flips/colour</source>
        <translation>完整模式：不做随机裁剪/翻转/颜色扰动</translation>
    </message>
    <message>
        <source>start from random weights (much less accurate)</source>
        <translation>从随机权重开始（准确率低得多）</translation>
    </message>
    <message>
        <source>full mode&apos;s arithmetic: amp computes in 16 bits where the device does so in hardware (a CUDA GPU, or a CPU with AVX-512 BF16 or AMX); auto: amp on a CUDA GPU, fp32 on a CPU</source>
        <translation>完整模式的计算精度：amp 在设备硬件支持时以 16 位计算（CUDA GPU，或支持 AVX-512 BF16 或 AMX 的 CPU）；auto：CUDA GPU 上用 amp，CPU 上用 fp32</translation>
    </message>
    <message>
        <source>model file to write (.effnet)</source>
        <translation>要写入的模型文件（.effnet）</translation>
    </message>
    <message>
        <source>continue from OUT&apos;s checkpoint (OUT.ckpt)</source>
        <translation>从 OUT 的检查点（OUT.ckpt）继续训练</translation>
    </message>
    <message>
        <source>give a whole number from {low} to {high}</source>
        <translation>请给出 {low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>give a percentage from 0 to 50</source>
        <translation>请给出 0 到 50 之间的百分比</translation>
    </message>
    <message>
        <source>give a percentage from 0 to 100</source>
        <translation>请给出 0 到 100 之间的百分比</translation>
    </message>
    <message>
        <source>“None of these”: the share of pictures like the training ones that may be called unknown (default: the model&apos;s own, 5; 0 turns the answer off)</source>
        <translation>“都不是”：与训练图片相似的图片中，允许被判为未知的比例（默认：模型自带的 5；0 表示关闭此回答）</translation>
    </message>
    <message>
        <source>classify an image or every image in a folder</source>
        <translation>对一张图片或文件夹中的每张图片分类</translation>
    </message>
    <message>
        <source>a .effnet model file, or imagenet:VARIANT</source>
        <translation>.effnet 模型文件，或 imagenet:VARIANT</translation>
    </message>
    <message>
        <source>an image file or a folder</source>
        <translation>图片文件或文件夹</translation>
    </message>
    <message>
        <source>also write the predictions to this CSV file</source>
        <translation>同时把预测结果写入这个 CSV 文件</translation>
    </message>
    <message>
        <source>classify overlapping tiles and average them (large images such as micrographs)</source>
        <translation>对相互重叠的图块分别分类并取平均（适合显微照片等大图）</translation>
    </message>
    <message>
        <source>measure a model on a labelled class-per-folder folder</source>
        <translation>在每个类别一个子文件夹的有标注文件夹上测量模型</translation>
    </message>
    <message>
        <source>export a model to ONNX (checked against torch)</source>
        <translation>把模型导出为 ONNX（并与 torch 核对）</translation>
    </message>
    <message>
        <source>folder or image used to check the export (default: random inputs)</source>
        <translation>用于核对导出结果的文件夹或图片（默认：随机输入）</translation>
    </message>
    <message>
        <source>describe a model file</source>
        <translation>描述一个模型文件</translation>
    </message>
    <message>
        <source>pretrained weights: status, download, import</source>
        <translation>预训练权重：状态、下载、导入</translation>
    </message>
    <message>
        <source>which variants&apos; weights are on this computer</source>
        <translation>这台电脑上有哪些变体的权重</translation>
    </message>
    <message>
        <source>download a variant&apos;s ImageNet weights</source>
        <translation>下载某个变体的 ImageNet 权重</translation>
    </message>
    <message>
        <source>use a weights file you already have</source>
        <translation>使用你已有的权重文件</translation>
    </message>
    <message>
        <source>accept a file whose checksum is not the official one</source>
        <translation>接受校验和与官方文件不同的文件</translation>
    </message>
    <message>
        <source>check a labelled folder: near-copies, overlapping views, probably misfiled pictures, look-alike classes</source>
        <translation>检查已标注的文件夹：近似副本、重叠视野、可能放错类别的图片、相似的类别</translation>
    </message>
    <message>
        <source>show at most this many of each finding (the JSON has them all)</source>
        <translation>每类发现最多显示这么多条（JSON 输出包含全部）</translation>
    </message>
    <message>
        <source>sort a folder of unlabelled pictures into a dataset&apos;s class folders with a model (undo with --undo LOG)</source>
        <translation>用模型把未标注图片的文件夹分拣到数据集的类别文件夹中（用 --undo LOG 撤销）</translation>
    </message>
    <message>
        <source>a .effnet model file</source>
        <translation>一个 .effnet 模型文件</translation>
    </message>
    <message>
        <source>the unlabelled pictures</source>
        <translation>未标注的图片</translation>
    </message>
    <message>
        <source>the class-per-folder dataset to file them in</source>
        <translation>要放入的按类别分文件夹的数据集</translation>
    </message>
    <message>
        <source>move instead of copy</source>
        <translation>移动而不是复制</translation>
    </message>
    <message>
        <source>leave pictures the model is less sure of than this (0-100)</source>
        <translation>模型把握低于此值（0-100）的图片保留不动</translation>
    </message>
    <message>
        <source>only say where each picture would go</source>
        <translation>只说明每张图片会放到哪里</translation>
    </message>
    <message>
        <source>undo the sort that wrote this log</source>
        <translation>撤销写下此日志的那次分拣</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>installed (works offline)</source>
        <translation>已安装（可离线使用）</translation>
    </message>
    <message>
        <source>downloads {mb} MB on first use</source>
        <translation>首次使用时下载 {mb} MB</translation>
    </message>
    <message>
        <source>{weights}; no SE blocks</source>
        <translation>{weights}；没有 SE 模块</translation>
    </message>
    <message>
        <source>note: {text}</source>
        <translation>注意：{text}</translation>
    </message>
    <message>
        <source>Training stopped; no model was written. The checkpoint {name} is kept: add --resume to continue.</source>
        <translation>训练已停止；没有写入模型。检查点 {name} 已保留：加上 --resume 即可继续。</translation>
    </message>
    <message>
        <source>Training stopped; no model was written.</source>
        <translation>训练已停止；没有写入模型。</translation>
    </message>
    <message>
        <source>--budget picks the network and the mode itself: leave out --variant, --mode, --from and --resume, or leave out --budget.</source>
        <translation>--budget 会自己挑选网络和模式：请去掉 --variant、--mode、--from 和 --resume，或去掉 --budget。</translation>
    </message>
    <message>
        <source>The model is a {model} network; training on from it keeps that network (leave out --variant).</source>
        <translation>该模型是 {model} 网络；在它的基础上继续训练会保留这个网络（请去掉 --variant）。</translation>
    </message>
    <message>
        <source>validation accuracy {acc} on {n} images (balanced {balanced})</source>
        <translation>验证准确率 {acc}，共 {n} 张图片（类别平衡 {balanced}）</translation>
    </message>
    <message>
        <source>, calibration error {ece}</source>
        <translation>，校准误差 {ece}</translation>
    </message>
    <message>
        <source>no validation images</source>
        <translation>没有验证图片</translation>
    </message>
    <message>
        <source> ({n} groups of pictures of one scene or specimen kept on one side of the split)</source>
        <translation>（{n} 组同一场景或标本的图片留在划分的同一侧）</translation>
    </message>
    <message>
        <source>ImageNet-pretrained</source>
        <translation>ImageNet 预训练</translation>
    </message>
    <message>
        <source>random initial weights (not pretrained)</source>
        <translation>随机初始权重（未预训练）</translation>
    </message>
    <message>
        <source>Saved {path} ({variant}, {mode} mode, {weights}): {accuracy}, {n} classes, {seconds} s on {device}.</source>
        <translation>已保存 {path}（{variant}，{mode} 模式，{weights}）：{accuracy}，{n} 个类别，在 {device} 上用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>There is no file or folder &apos;{path}&apos;.</source>
        <translation>文件或文件夹“{path}”不存在。</translation>
    </message>
    <message>
        <source>The folder &apos;{path}&apos; holds no images.</source>
        <translation>文件夹“{path}”中没有图片。</translation>
    </message>
    <message>
        <source>None of these (closest: {top})</source>
        <translation>都不是（最接近：{top}）</translation>
    </message>
    <message>
        <source>{failed} of {total} files could not be read.</source>
        <translation>{total} 个文件中有 {failed} 个无法读取。</translation>
    </message>
    <message>
        <source>note: this model was made before “None of these” existed, so every picture gets one of its classes; train it again to have that answer.</source>
        <translation>注意：此模型创建于“都不是”功能之前，因此每张图片都会被归入它的某个类别；重新训练即可获得该回答。</translation>
    </message>
    <message>
        <source>calibration error (ECE, 15 bins) {ece}</source>
        <translation>校准误差（ECE，15 个区间）{ece}</translation>
    </message>
    <message>
        <source>answered “None of these”: {n} of {total} ({rate})</source>
        <translation>回答“都不是”：{total} 张中 {n} 张（{rate}）</translation>
    </message>
    <message>
        <source>accuracy {acc} on {n} images (balanced accuracy {balanced})</source>
        <translation>准确率 {acc}，共 {n} 张图片（类别平衡准确率 {balanced}）</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>confusion matrix (rows: true, columns: predicted):</source>
        <translation>混淆矩阵（行：真实类别，列：预测类别）：</translation>
    </message>
    <message>
        <source>misclassified:</source>
        <translation>分错的图片：</translation>
    </message>
    <message>
        <source>Exported {path}; checked on {n} inputs: max difference {diff}, top-1 agreement {agree}.</source>
        <translation>已导出 {path}；在 {n} 个输入上核对：最大差异 {diff}，top-1 一致率 {agree}。</translation>
    </message>
    <message>
        <source>{path}: {model}, {n} classes ({classes}), input {size} px, validation accuracy {acc}, made by {app} {version} on {created}</source>
        <translation>{path}：{model}，{n} 个类别（{classes}），输入 {size} 像素，验证准确率 {acc}，由 {app} {version} 于 {created} 创建</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>present</source>
        <translation>已有</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>{model} weights: {path}</source>
        <translation>{model} 权重：{path}</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>error: this computer ran out of memory. Try fewer or smaller pictures, or close other programs.</source>
        <translation>错误：这台电脑的内存不够了。请减少图片数量或使用更小的图片，或关闭其他程序。</translation>
    </message>
    <message>
        <source>error: could not read or write{where}: {reason}.</source>
        <translation>错误：无法读写{where}：{reason}。</translation>
    </message>
    <message>
        <source>error: something unexpected went wrong ({kind}: {detail}). The details are in {log}; please include them if you report it.</source>
        <translation>错误：发生了意外问题（{kind}：{detail}）。详细信息在 {log} 中；报告问题时请附上。</translation>
    </message>
    <message>
        <source>The {app} window cannot open here ({reason}). The commands still work: effnet-app --help</source>
        <translation>{app} 的窗口无法在这里打开（{reason}）。命令仍然可用：effnet-app --help</translation>
    </message>
    <message>
        <source>Checked {n} pictures in {k} classes ({s:.0f} s).</source>
        <translation>已检查 {k} 个类别中的 {n} 张图片（{s:.0f} 秒）。</translation>
    </message>
    <message>
        <source>Near-copies (the same picture resized, re-saved or cropped): {n}</source>
        <translation>近似副本（同一张图片经过缩放、重新保存或裁剪）：{n}</translation>
    </message>
    <message>
        <source>Overlapping views of one scene (keep each group on one side of the validation split): {n}</source>
        <translation>同一场景的重叠视野（每组应留在验证划分的同一侧）：{n}</translation>
    </message>
    <message>
        <source>Probably filed under the wrong class, most suspicious first: {n}</source>
        <translation>可能放错了类别（最可疑的在前）：{n}</translation>
    </message>
    <message>
        <source>{path}: filed under {label}, looks like {suggested} ({p:.0%})</source>
        <translation>{path}：放在 {label} 中，看起来像 {suggested}（{p:.0%}）</translation>
    </message>
    <message>
        <source>Classes that look alike: {n}</source>
        <translation>看起来相似的类别：{n}</translation>
    </message>
    <message>
        <source>{a} and {b}: {share:.0%} of their pictures taken for each other</source>
        <translation>{a} 和 {b}：{share:.0%} 的图片被互相认错</translation>
    </message>
    <message>
        <source>… and {n} more (--top, or --json for all)</source>
        <translation>… 还有 {n} 条（使用 --top，或用 --json 查看全部）</translation>
    </message>
    <message>
        <source>Undone: {n} pictures are back where they were.</source>
        <translation>已撤销：{n} 张图片已回到原处。</translation>
    </message>
    <message>
        <source>Give a model, a folder and --into DATASET (or --undo LOG).</source>
        <translation>请给出模型、文件夹和 --into DATASET（或 --undo LOG）。</translation>
    </message>
    <message>
        <source>Would file {n} of {total} pictures in {dataset}:</source>
        <translation>将把 {total} 张图片中的 {n} 张放入 {dataset}：</translation>
    </message>
    <message>
        <source>Moved {n} of {total} pictures into {dataset}:</source>
        <translation>已把 {total} 张图片中的 {n} 张移入 {dataset}：</translation>
    </message>
    <message>
        <source>Copied {n} of {total} pictures into {dataset}:</source>
        <translation>已把 {total} 张图片中的 {n} 张复制到 {dataset}：</translation>
    </message>
    <message>
        <source>{n} left where they are (“None of these”, unreadable, or less sure than --min-confidence).</source>
        <translation>{n} 张保留在原处（“都不是”、无法读取，或把握低于 --min-confidence）。</translation>
    </message>
    <message>
        <source>To undo: effnet-app sort --undo &quot;{log}&quot;</source>
        <translation>撤销：effnet-app sort --undo &quot;{log}&quot;</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong inside EffNet Studio. Your models and images are safe, and you can keep working.</source>
        <translation>EffNet Studio 内部出了问题。你的模型和图片都安然无恙，可以继续工作。</translation>
    </message>
    <message>
        <source>The details were written to {path}. Please include that file if you report the problem.</source>
        <translation>详细信息已写入 {path}。报告问题时请附上该文件。</translation>
    </message>
</context>
<context>
    <name>curation</name>
    <message>
        <source>A check needs at least 2 classes with pictures.</source>
        <translation>检查需要至少 2 个有图片的类别。</translation>
    </message>
    <message>
        <source>Looking for pictures that show the same thing</source>
        <translation>正在查找内容相同的图片</translation>
    </message>
    <message>
        <source>Checked {n} pictures</source>
        <translation>已检查 {n} 张图片</translation>
    </message>
    <message>
        <source>The model&apos;s class &apos;{name}&apos; cannot be a folder name.</source>
        <translation>模型的类别“{name}”不能用作文件夹名。</translation>
    </message>
    <message>
        <source>Sorting {done}/{total}</source>
        <translation>正在分拣 {done}/{total}</translation>
    </message>
    <message>
        <source>Sorting stopped at &apos;{name}&apos;: {reason}. What was done so far is in {log} and can be undone.</source>
        <translation>分拣在“{name}”处停止：{reason}。已完成的部分记录在 {log} 中，可以撤销。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a sort log of this app, or it is damaged.</source>
        <translation>“{name}”不是本软件的分拣日志，或已损坏。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; cannot be the name of a class folder.</source>
        <translation>“{name}”不能用作类别文件夹的名称。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; would lie outside the dataset.</source>
        <translation>“{name}”会位于数据集之外。</translation>
    </message>
    <message>
        <source>The class folder could not be made: {reason}</source>
        <translation>无法创建类别文件夹：{reason}</translation>
    </message>
    <message>
        <source>The picture could not be saved in {folder}: {reason}</source>
        <translation>无法把图片保存到 {folder}：{reason}</translation>
    </message>
</context>
<context>
    <name>dataset</name>
    <message>
        <source>too large ({w} x {h} pixels)</source>
        <translation>过大（{w} x {h} 像素）</translation>
    </message>
    <message>
        <source>has no pixels</source>
        <translation>没有像素</translation>
    </message>
    <message>
        <source>too large to open safely</source>
        <translation>过大，无法安全打开</translation>
    </message>
    <message>
        <source>not an image (or a format that cannot be read)</source>
        <translation>不是图片（或是无法读取的格式）</translation>
    </message>
    <message>
        <source>damaged ({detail})</source>
        <translation>已损坏（{detail}）</translation>
    </message>
    <message>
        <source>The folder &apos;{folder}&apos; does not exist.</source>
        <translation>文件夹“{folder}”不存在。</translation>
    </message>
    <message>
        <source>&apos;{path}&apos; is a file; choose a folder that holds one sub-folder per class.</source>
        <translation>“{path}”是一个文件；请选择一个每个类别各有一个子文件夹的文件夹。</translation>
    </message>
    <message>
        <source>not an image file; skipped</source>
        <translation>不是图片文件；已跳过</translation>
    </message>
    <message>
        <source>1 image directly in the folder belongs to no class; skipped</source>
        <translation>有 1 张图片直接放在文件夹中，不属于任何类别；已跳过</translation>
    </message>
    <message>
        <source>{n} images directly in the folder belong to no class; skipped</source>
        <translation>有 {n} 张图片直接放在文件夹中，不属于任何类别；已跳过</translation>
    </message>
    <message>
        <source>{reason}; skipped</source>
        <translation>{reason}；已跳过</translation>
    </message>
    <message>
        <source>Checking images {done}/{total}</source>
        <translation>正在检查图片 {done}/{total}</translation>
    </message>
    <message>
        <source>The folder &apos;{folder}&apos; cannot be read ({reason}).</source>
        <translation>无法读取文件夹“{folder}”（{reason}）。</translation>
    </message>
    <message>
        <source>a folder named &apos;{name}&apos; cannot be a class; left out</source>
        <translation>名为“{name}”的文件夹不能作为类别；已略过</translation>
    </message>
    <message>
        <source>class &apos;{name}&apos; is a link to a folder outside this one; left out</source>
        <translation>类别“{name}”是指向此文件夹之外的链接；已略过</translation>
    </message>
    <message>
        <source>cannot be read ({reason}); skipped</source>
        <translation>无法读取（{reason}）；已跳过</translation>
    </message>
    <message>
        <source>not a regular file (a pipe, socket or device); skipped</source>
        <translation>不是普通文件（管道、套接字或设备）；已跳过</translation>
    </message>
    <message>
        <source>class &apos;{name}&apos; has no usable images; left out</source>
        <translation>类别“{name}”没有可用的图片；已略去</translation>
    </message>
    <message>
        <source>class &apos;{name}&apos; has only 1 image: it is used for training but cannot be validated</source>
        <translation>类别“{name}”只有 1 张图片：它会用于训练，但无法验证</translation>
    </message>
    <message>
        <source>class &apos;{name}&apos; has only {n} images; results for it will be unreliable</source>
        <translation>类别“{name}”只有 {n} 张图片；它的结果不可靠</translation>
    </message>
    <message>
        <source>only &apos;{name}&apos; found</source>
        <translation>只找到“{name}”</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>一个也没找到</translation>
    </message>
    <message>
        <source>The folder &apos;{folder}&apos; needs at least {n} sub-folders with images, one per class ({found}).</source>
        <translation>文件夹“{folder}”需要至少 {n} 个含有图片的子文件夹，每个类别一个（{found}）。</translation>
    </message>
    <message>
        <source>classes are imbalanced ({low} to {high} images)</source>
        <translation>各类别的图片数量不均衡（{low} 到 {high} 张）</translation>
    </message>
    <message>
        <source>classes {names} look the same but are separate folders (different spaces, capitals or accent encoding); merge them if they are one class</source>
        <translation>类别 {names} 看起来相同，但是不同的文件夹（空格、大小写或重音编码不同）；如果它们是同一类，请合并</translation>
    </message>
    <message>
        <source>The same image is in different classes: {files}</source>
        <translation>同一张图片出现在不同的类别中：{files}</translation>
    </message>
    <message>
        <source>These files are the same image (duplicates): {files}</source>
        <translation>这些文件是同一张图片（重复）：{files}</translation>
    </message>
    <message>
        <source>The validation fraction must be at least 0 and below 1.</source>
        <translation>验证比例必须不小于 0 且小于 1。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is {reason}.</source>
        <translation>“{name}”{reason}。</translation>
    </message>
    <message>
        <source>The image folder &apos;{folder}&apos; is not there any more.</source>
        <translation>图片文件夹“{folder}”已经不在了。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; cannot be a class folder inside &apos;{folder}&apos;; nothing was copied.</source>
        <translation>“{name}”不能作为“{folder}”中的类别文件夹；没有复制任何文件。</translation>
    </message>
    <message>
        <source>Cannot add the image to &apos;{name}&apos;: {reason}.</source>
        <translation>无法把图片添加到“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>Unknown way to keep pictures together &apos;{name}&apos;; use one of: {names}.</source>
        <translation>未知的分组方式“{name}”；请使用以下之一：{names}。</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>Unknown device &apos;{name}&apos;; use auto, cpu, cuda or mps.</source>
        <translation>未知的设备“{name}”；请使用 auto、cpu、cuda 或 mps。</translation>
    </message>
    <message>
        <source>No CUDA GPU is available on this computer; use auto or cpu.</source>
        <translation>这台电脑上没有可用的 CUDA GPU；请使用 auto 或 cpu。</translation>
    </message>
    <message>
        <source>Apple&apos;s MPS GPU is not available on this computer; use auto or cpu.</source>
        <translation>这台电脑上没有可用的 Apple MPS GPU；请使用 auto 或 cpu。</translation>
    </message>
    <message>
        <source>CPU ({n} threads)</source>
        <translation>CPU（{n} 个线程）</translation>
    </message>
    <message>
        <source>The GPU does not have enough memory even for one image at a time. Choose a smaller model or use the CPU (Advanced settings → Device; --device cpu on the command line).</source>
        <translation>GPU 内存不足，连一次处理一张图像都不够。请选择较小的模型或使用 CPU（高级设置 → 设备；命令行中用 --device cpu）。</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>Unknown inference engine &apos;{name}&apos;; use {names}.</source>
        <translation>未知的推理引擎“{name}”；请使用 {names}。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Cancelled by the user.</source>
        <translation>已被用户取消。</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>The ONNX export does not agree with the original model (difference {diff}); nothing was saved.</source>
        <translation>导出的 ONNX 与原模型结果不一致（差异 {diff}）；没有保存任何内容。</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <source>the file system did not answer within {s} s</source>
        <translation>文件系统在 {s} 秒内没有响应</translation>
    </message>
    <message>
        <source>Could not save &apos;{name}&apos;: {reason}. The previous file, if any, is unchanged.</source>
        <translation>无法保存“{name}”：{reason}。原有文件（如果有）保持不变。</translation>
    </message>
</context>
<context>
    <name>images</name>
    <message>
        <source>The image</source>
        <translation>该图片</translation>
    </message>
    <message>
        <source>{name} is too large ({w} x {h} pixels; the limit is {limit} megapixels).</source>
        <translation>{name}过大（{w} x {h} 像素；上限为 {limit} 百万像素）。</translation>
    </message>
    <message>
        <source>{name} has no pixels.</source>
        <translation>{name}没有像素。</translation>
    </message>
    <message>
        <source>{name} is too long and thin to use ({w} x {h} pixels; the long side may be at most {n} times the short one).</source>
        <translation>{name} 太细长，无法使用（{w} x {h} 像素；长边最多是短边的 {n} 倍）。</translation>
    </message>
    <message>
        <source>{name} does not exist.</source>
        <translation>{name}不存在。</translation>
    </message>
    <message>
        <source>{name} is a folder, not an image.</source>
        <translation>{name}是文件夹，不是图片。</translation>
    </message>
    <message>
        <source>{name} cannot be read (permission denied).</source>
        <translation>{name}无法读取（没有权限）。</translation>
    </message>
    <message>
        <source>{name} is not an image file, or a format that cannot be read.</source>
        <translation>{name}不是图片文件，或是无法读取的格式。</translation>
    </message>
    <message>
        <source>{name} is too large to open safely.</source>
        <translation>{name}过大，无法安全打开。</translation>
    </message>
    <message>
        <source>{name} is damaged and cannot be decoded ({detail}).</source>
        <translation>{name}已损坏，无法解码（{detail}）。</translation>
    </message>
    <message>
        <source>{name} cannot be read ({reason}).</source>
        <translation>无法读取 {name}（{reason}）。</translation>
    </message>
    <message>
        <source>{name} is not a regular file (a pipe, socket or device).</source>
        <translation>{name} 不是普通文件（而是管道、套接字或设备）。</translation>
    </message>
</context>
<context>
    <name>introspect</name>
    <message>
        <source>SE block {n} ({channels} channels)</source>
        <translation>SE 模块 {n}（{channels} 个通道）</translation>
    </message>
    <message>
        <source>{model} has no Squeeze-and-Excitation blocks, so there is no SE profile.</source>
        <translation>{model} 没有 Squeeze-and-Excitation 模块，因此没有 SE 画像。</translation>
    </message>
    <message>
        <source>SE profile {done}/{total}</source>
        <translation>SE 画像 {done}/{total}</translation>
    </message>
    <message>
        <source>None of the images for the class profile could be read.</source>
        <translation>用于类别画像的图片都无法读取。</translation>
    </message>
    <message>
        <source>The folder this model was trained on is not available; choose a labelled folder on the Data page.</source>
        <translation>训练此模型所用的文件夹不可用；请在“数据”页选择一个有标注的文件夹。</translation>
    </message>
    <message>
        <source>The training folder has no validation images for this model&apos;s classes.</source>
        <translation>训练文件夹中没有属于此模型类别的验证图片。</translation>
    </message>
    <message>
        <source>{n} validation images of &apos;{folder}&apos;</source>
        <translation>“{folder}”中的 {n} 张验证图片</translation>
    </message>
    <message>
        <source>That folder has no images of the model&apos;s classes.</source>
        <translation>那个文件夹中没有属于此模型类别的图片。</translation>
    </message>
    <message>
        <source>{n} images of &apos;{folder}&apos;</source>
        <translation>“{folder}”中的 {n} 张图片</translation>
    </message>
</context>
<context>
    <name>library</name>
    <message>
        <source>ImageNet, 1000 classes</source>
        <translation>ImageNet，1000 个类别</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The built-in ImageNet model cannot be renamed.</source>
        <translation>内置的 ImageNet 模型不能重命名。</translation>
    </message>
    <message>
        <source>A model named &apos;{name}&apos; already exists.</source>
        <translation>已经有名为“{name}”的模型。</translation>
    </message>
    <message>
        <source>Could not rename &apos;{name}&apos;: {reason}.</source>
        <translation>无法重命名“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>The built-in ImageNet model cannot be deleted.</source>
        <translation>内置的 ImageNet 模型不能删除。</translation>
    </message>
    <message>
        <source>Could not delete &apos;{name}&apos;: {reason}.</source>
        <translation>无法删除“{name}”：{reason}。</translation>
    </message>
    <message>
        <source>A model name cannot be empty.</source>
        <translation>模型名称不能为空。</translation>
    </message>
</context>
<context>
    <name>live</name>
    <message>
        <source>Preparing the live view</source>
        <translation>正在准备实时视图</translation>
    </message>
</context>
<context>
    <name>network</name>
    <message>
        <source>Stage 1 (stem)</source>
        <translation>阶段 1（起始卷积）</translation>
    </message>
    <message>
        <source>Stage {n} ({channels} channels)</source>
        <translation>阶段 {n}（{channels} 个通道）</translation>
    </message>
    <message>
        <source>Stage {n} (head)</source>
        <translation>阶段 {n}（末端卷积）</translation>
    </message>
</context>
<context>
    <name>predict</name>
    <message>
        <source>ONNX Runtime is not installed or does not agree with PyTorch for this model; use the torch engine.</source>
        <translation>ONNX Runtime 未安装，或在此模型上与 PyTorch 结果不一致；请使用 torch 引擎。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; does not match the {model} architecture it names.</source>
        <translation>“{name}”与它所标明的 {model} 结构不匹配。</translation>
    </message>
    <message>
        <source>Classifying {done}/{total}</source>
        <translation>正在分类 {done}/{total}</translation>
    </message>
    <message>
        <source>The folder has classes the model does not know: {unknown}. The model knows: {known}.</source>
        <translation>该文件夹中有模型不认识的类别：{unknown}。模型认识的类别：{known}。</translation>
    </message>
</context>
<context>
    <name>preprocess</name>
    <message>
        <source>Processing images</source>
        <translation>正在处理图片</translation>
    </message>
</context>
<context>
    <name>system_libraries</name>
    <message>
        <source>EffNet Studio cannot open its window: the system library {libraries} is missing. On Debian or Ubuntu, install it with: sudo apt install {packages}</source>
        <translation>EffNet Studio 无法打开窗口：缺少系统库 {libraries}。在 Debian 或 Ubuntu 上可用以下命令安装：sudo apt install {packages}</translation>
    </message>
    <message>
        <source>EffNet Studio cannot open its window: the system libraries {libraries} are missing. On Debian or Ubuntu, install them with: sudo apt install {packages}</source>
        <translation>EffNet Studio 无法打开窗口：缺少系统库 {libraries}。在 Debian 或 Ubuntu 上可用以下命令安装：sudo apt install {packages}</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <source>Unknown training mode &apos;{name}&apos;; use quick or full.</source>
        <translation>未知的训练模式“{name}”；请使用 quick 或 full。</translation>
    </message>
    <message>
        <source>The number of epochs must be at least 1.</source>
        <translation>训练轮数必须至少为 1。</translation>
    </message>
    <message>
        <source>The batch size must be at least 1.</source>
        <translation>批大小必须至少为 1。</translation>
    </message>
    <message>
        <source>The validation fraction must be between 0 and 0.9.</source>
        <translation>验证比例必须在 0 到 0.9 之间。</translation>
    </message>
    <message>
        <source>The layer decay must be above 0 and at most 1.</source>
        <translation>层间衰减必须大于 0 且不超过 1。</translation>
    </message>
    <message>
        <source>The learning rate must be positive.</source>
        <translation>学习率必须为正数。</translation>
    </message>
    <message>
        <source>Test-time views must be between 1 and 8.</source>
        <translation>测试时的视角数必须在 1 到 8 之间。</translation>
    </message>
    <message>
        <source>The split must be one of: {names}.</source>
        <translation>划分方式必须是以下之一：{names}。</translation>
    </message>
    <message>
        <source>The time limit must be zero (none) or a number of seconds.</source>
        <translation>时间限制必须是零（不限）或秒数。</translation>
    </message>
    <message>
        <source>Framing must be &apos;crop&apos; or &apos;whole&apos;.</source>
        <translation>取景方式必须是“crop”或“whole”。</translation>
    </message>
    <message>
        <source>The image size must be between {low} and {high} pixels (or 0 for the network&apos;s own).</source>
        <translation>图像尺寸必须在 {low} 到 {high} 像素之间（或为 0，表示使用网络自身的尺寸）。</translation>
    </message>
    <message>
        <source>{reason} Skipped.</source>
        <translation>{reason} 已跳过。</translation>
    </message>
    <message>
        <source>Reading images {done}/{total}</source>
        <translation>正在读取图片 {done}/{total}</translation>
    </message>
    <message>
        <source>Looking at the pictures</source>
        <translation>正在查看图片</translation>
    </message>
    <message>
        <source>All {total} pictures looked at ({cached} remembered from an earlier training)</source>
        <translation>全部 {total} 张图片已看过（其中 {cached} 张在之前的训练中已记住）</translation>
    </message>
    <message>
        <source>Resuming at epoch {n}</source>
        <translation>从第 {n} 轮继续</translation>
    </message>
    <message>
        <source>Epoch {epoch}/{epochs}, batch {batch}/{batches}, loss {loss}</source>
        <translation>第 {epoch}/{epochs} 轮，批次 {batch}/{batches}，损失 {loss}</translation>
    </message>
    <message>
        <source>{reason} Training goes on, but an interruption could not be resumed from here.</source>
        <translation>{reason}训练继续进行，但如果中断，将无法从此处恢复。</translation>
    </message>
    <message>
        <source>The GPU ran out of memory: batches now go through it {n} images at a time (the training itself is unchanged) and training goes on.</source>
        <translation>GPU 内存不足：现在每次向其送入 {n} 张图像（训练本身不变），训练继续进行。</translation>
    </message>
    <message>
        <source>There is no checkpoint to resume from; start a new training instead.</source>
        <translation>没有可以继续的检查点；请重新开始训练。</translation>
    </message>
    <message>
        <source>The folder&apos;s classes changed since the checkpoint was written; start a new training.</source>
        <translation>写入检查点之后，文件夹中的类别发生了变化；请重新开始训练。</translation>
    </message>
    <message>
        <source>The probe image is left out: {reason}</source>
        <translation>观察图片未被使用：{reason}</translation>
    </message>
    <message>
        <source>Preparing {model}</source>
        <translation>正在准备 {model}</translation>
    </message>
    <message>
        <source>{model} starts from random weights (no ImageNet pretraining): expect much lower accuracy.</source>
        <translation>{model} 从随机权重开始（没有 ImageNet 预训练）：准确率会低很多。</translation>
    </message>
    <message>
        <source>Fewer than 2 classes have readable images; nothing to learn from.</source>
        <translation>能读取图片的类别少于 2 个；无从学习。</translation>
    </message>
    <message>
        <source>Looking for pictures that show the same scene</source>
        <translation>正在查找拍摄同一场景的图片</translation>
    </message>
    <message>
        <source>Measuring accuracy on the validation images</source>
        <translation>正在用验证图片测量准确率</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Stopped; the best model so far is kept</source>
        <translation>已停止；目前最好的模型已保留</translation>
    </message>
    <message>
        <source>Learning from all the pictures</source>
        <translation>正在从全部图片中学习</translation>
    </message>
    <message>
        <source>Looking at the pictures with the trained network</source>
        <translation>正在用训练好的网络查看图片</translation>
    </message>
    <message>
        <source>Checking each answer on pictures held out in turn ({done} of {total})</source>
        <translation>轮流留出部分图片检查每个答案（{done}/{total}）</translation>
    </message>
    <message>
        <source>The folder has no pictures of {names}, which the model knows. Put them back (with the new pictures), or train a new model.</source>
        <translation>文件夹中没有模型已知类别 {names} 的图片。请把它们放回（连同新图片），或者训练一个新模型。</translation>
    </message>
    <message>
        <source>The model&apos;s network does not fit its description; it cannot be trained on.</source>
        <translation>该模型的网络与它的描述不符；无法在它的基础上继续训练。</translation>
    </message>
    <message>
        <source>Quick mode with {model}, each picture learnt in its 8 turned and mirrored views if that helps (pictures with no “up”, such as micrographs)</source>
        <translation>用 {model} 快速训练，如果有帮助（没有“上下”之分的图片，例如显微照片），每张图片以旋转和镜像的 8 个视图学习</translation>
    </message>
    <message>
        <source>Quick mode with {model}</source>
        <translation>用 {model} 快速训练</translation>
    </message>
    <message>
        <source>{what}, the fastest way: {n} pictures take about {time}, more than the time you gave.</source>
        <translation>{what}，这是最快的方式：{n} 张图片大约需要 {time}，超过了您给的时间。</translation>
    </message>
    <message>
        <source>{what}: about {time} for {n} pictures.</source>
        <translation>{what}：{n} 张图片大约需要 {time}。</translation>
    </message>
    <message>
        <source>The most accurate way in our tests would take about {time}.</source>
        <translation>在我们的测试中最准确的方式大约需要 {time}。</translation>
    </message>
    <message>
        <source>The most accurate way in our tests.</source>
        <translation>这是我们测试中最准确的方式。</translation>
    </message>
    <message>
        <source>Fine-tuning the whole network (full mode) was not more accurate there, so the rest of the time is not spent.</source>
        <translation>在这些测试中，微调整个网络（完整模式）并没有更准确，所以剩下的时间不会用掉。</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
</context>
<context>
    <name>variants</name>
    <message>
        <source>Unknown model variant &apos;{name}&apos;. Choose one of: {names}.</source>
        <translation>未知的模型变体“{name}”。请从以下选择：{names}。</translation>
    </message>
</context>
<context>
    <name>weights</name>
    <message>
        <source>The {model} weights package is not installed; reinstall EffNet Studio.</source>
        <translation>{model} 的权重包没有安装；请重新安装 EffNet Studio。</translation>
    </message>
    <message>
        <source>the weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>The server {host} has no file of {what} ({reason}).</source>
        <translation>服务器 {host} 上没有{what}的文件（{reason}）。</translation>
    </message>
    <message>
        <source>Could not download {what}: {reason}</source>
        <translation>无法下载{what}：{reason}</translation>
    </message>
    <message>
        <source>The download of {what} from {host} broke off ({reason}).</source>
        <translation>从 {host} 下载{what}时中断了（{reason}）。</translation>
    </message>
    <message>
        <source>Downloading {what}: {done} of {total} MB</source>
        <translation>正在下载{what}：{done} / {total} MB</translation>
    </message>
    <message>
        <source>Downloading {what}: {done} MB</source>
        <translation>正在下载{what}：{done} MB</translation>
    </message>
    <message>
        <source>The download of {what} from {host} stopped early ({done} of {total} bytes).</source>
        <translation>从 {host} 下载{what}时提前结束了（{total} 字节中只收到 {done} 字节）。</translation>
    </message>
    <message>
        <source>The downloaded file of {what} is not the expected one (its checksum does not match), so it was discarded.</source>
        <translation>下载的{what}文件不是预期的文件（校验和不匹配），已丢弃。</translation>
    </message>
    <message>
        <source>Downloaded {what}</source>
        <translation>已下载{what}</translation>
    </message>
    <message>
        <source>this computer cannot find {host}. It may have no internet connection, or the mirror&apos;s address is wrong.</source>
        <translation>这台电脑找不到 {host}。可能没有联网，或镜像地址有误。</translation>
    </message>
    <message>
        <source>{host} did not answer in time.</source>
        <translation>{host} 没有及时响应。</translation>
    </message>
    <message>
        <source>{host} refused the connection.</source>
        <translation>{host} 拒绝了连接。</translation>
    </message>
    <message>
        <source>{host} could not be reached ({reason}).</source>
        <translation>无法连接到 {host}（{reason}）。</translation>
    </message>
    <message>
        <source>the {model} weights ({mb} MB)</source>
        <translation>{model} 权重（{mb} MB）</translation>
    </message>
    <message>
        <source>The file &apos;{name}&apos; of {what} is damaged or not a weights file ({detail}).</source>
        <translation>{what}的文件“{name}”已损坏或不是权重文件（{detail}）。</translation>
    </message>
    <message>
        <source>The file &apos;{name}&apos; of {what} does not hold a plain set of weights.</source>
        <translation>{what}的文件“{name}”中不是一组单纯的权重。</translation>
    </message>
    <message>
        <source>the {model} weights</source>
        <translation>{model} 权重</translation>
    </message>
    <message>
        <source>{model} weights come installed with the app; nothing to import.</source>
        <translation>{model} 的权重随应用一起安装；无需导入。</translation>
    </message>
    <message>
        <source>There is no file &apos;{path}&apos;.</source>
        <translation>文件“{path}”不存在。</translation>
    </message>
    <message>
        <source>The file &apos;{name}&apos; does not hold {model} ImageNet weights (its layers do not match).</source>
        <translation>文件“{name}”不是 {model} 的 ImageNet 权重（层结构不匹配）。</translation>
    </message>
    <message>
        <source>The file &apos;{name}&apos; has the right layers but is not the official {model} checkpoint (checksum differs); import it as unverified to use it anyway.</source>
        <translation>文件“{name}”的层结构正确，但不是官方的 {model} 检查点（校验和不同）；如仍要使用，请以“未验证”方式导入。</translation>
    </message>
</context>
</TS>
